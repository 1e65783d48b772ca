namespace TeamRetro.Confluence.Emulator;

/// <summary>Content as Confluence's v1 API returns it, with only the expansions asked for.</summary>
internal static class PageJson
{
    public static object Of(EmulatorState.StateView state, EmulatorState.Page page, bool version, bool ancestors, bool body = false) => new
    {
        id = page.Id,
        type = "page",
        status = "current",
        title = page.Title,
        space = new { key = page.SpaceKey },
        version = version ? new { number = page.Current.Number, message = page.Current.Message ?? "", minorEdit = false, when = page.Current.When, by = new { type = "known", username = page.CreatedBy } } : null,
        ancestors = ancestors ? Ancestors(state, page).Select(a => new { id = a.Id, type = "page", title = a.Title }).ToArray() : null,
        body = body ? new { storage = new { value = page.Current.Body, representation = "storage" } } : null,
        _links = new
        {
            webui = $"/spaces/{Uri.EscapeDataString(page.SpaceKey)}/pages/{page.Id}/{Uri.EscapeDataString(page.Title).Replace("%20", "+", StringComparison.Ordinal)}",
            self = $"/rest/api/content/{page.Id}",
        },
    };

    /// <summary>Root first, direct parent last, as Confluence orders them.</summary>
    static List<EmulatorState.Page> Ancestors(EmulatorState.StateView state, EmulatorState.Page page)
    {
        var chain = new List<EmulatorState.Page>();
        var parentId = page.ParentId;
        while (parentId is not null && state.Pages.FirstOrDefault(p => p.Id == parentId) is { } parent && chain.Count < 100)
        {
            chain.Insert(0, parent);
            parentId = parent.ParentId;
        }

        return chain;
    }
}
