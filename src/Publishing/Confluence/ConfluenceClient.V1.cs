using System.Net.Http.Json;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>v1 REST: /rest/api/space and /rest/api/content (Server / Data Center, Cloud API tokens, Cloud classic OAuth).</summary>
public sealed partial class ConfluenceClient
{
    async Task<ConfluenceSpace?> V1FindSpace(ConfluenceSite site, string spaceKey, CancellationToken ct)
    {
        await foreach (var space in V1Spaces(site, $"rest/api/space?spaceKey={Uri.EscapeDataString(spaceKey)}&limit=25", ct))
        {
            if (string.Equals(space.Key, spaceKey, StringComparison.Ordinal))
                return space;
        }

        return null;
    }

    async Task<ConfluencePage?> V1FindPage(ConfluenceSite site, string spaceKey, string title, CancellationToken ct)
    {
        var path = $"rest/api/content?type=page&spaceKey={Uri.EscapeDataString(spaceKey)}&title={Uri.EscapeDataString(title)}&expand=version,ancestors";
        var page = await Send<V1Page<V1Content>>(site, HttpMethod.Get, path, null, "Finding page", ct);
        // Confluence treats titles case-insensitively (search and uniqueness): "retrospectives" is the page "Retrospectives".
        var match = page.Results.FirstOrDefault(c => string.Equals(c.Title, title, StringComparison.OrdinalIgnoreCase));
        return match is null ? null : V1ToPage(site, match);
    }

    async Task<ConfluencePage> V1CreatePage(ConfluenceSite site, NewPage page, CancellationToken ct)
    {
        var body = new V1ContentWrite(
            "page",
            page.Title,
            new V1SpaceRef(page.SpaceKey),
            page.ParentId is null ? null : [new V1Ref(page.ParentId)],
            new V1Body(new V1Storage(page.StorageXml)),
            site.Product == ConfluenceProduct.DataCenter ? new V1VersionWrite(null, page.VersionMessage) : null);
        var created = await Send<V1Content>(site, HttpMethod.Post, "rest/api/content", JsonContent.Create(body, options: Json), $"Creating page '{page.Title}'", ct);
        if (site.Product == ConfluenceProduct.DataCenter)
            return V1ToPage(site, created);
        // Data Center's Content model takes a version message on create; Cloud's ContentCreate has none (Atlassian's v1
        // spec), so there, as on v2, the marker that makes the page recognisably ours is written by an immediate update.
        return await V1UpdatePage(site, new PageUpdate(created.Id, page.Title, page.StorageXml, (created.Version?.Number ?? 1) + 1, page.VersionMessage), ct);
    }

    async Task<ConfluencePage> V1UpdatePage(ConfluenceSite site, PageUpdate update, CancellationToken ct)
    {
        var body = new V1ContentWrite(
            "page",
            update.Title,
            null,
            null,
            new V1Body(new V1Storage(update.StorageXml)),
            new V1VersionWrite(update.NewVersion, update.VersionMessage));
        var path = $"rest/api/content/{Uri.EscapeDataString(update.PageId)}";
        var updated = await Send<V1Content>(site, HttpMethod.Put, path, JsonContent.Create(body, options: Json), $"Updating page '{update.Title}'", ct);
        return V1ToPage(site, updated);
    }

    /// <summary>
    /// Who the credentials act as. Data Center with anonymous access on runs a wrong token as the anonymous user instead
    /// of refusing it, so saving credentials checks this call, which reads the account, never content.
    /// </summary>
    public async Task<bool> ActsAsKnownUser(ConfluenceSite site, CancellationToken ct)
    {
        var user = await Send<V1User>(site, HttpMethod.Get, "rest/api/user/current", null, "Checking the credentials", ct);
        return !string.Equals(user.Type, "anonymous", StringComparison.OrdinalIgnoreCase);
    }

    IAsyncEnumerable<ConfluenceSpace> V1Spaces(ConfluenceSite site, string firstPath, CancellationToken ct) =>
        FollowNext<V1Page<V1Space>>(site, firstPath, p => p.Results.Select(s => new ConfluenceSpace(s.Id, s.Key, s.Name)), p => p.Links?.Next, ct);

    static ConfluencePage V1ToPage(ConfluenceSite site, V1Content content)
    {
        return new ConfluencePage(content.Id, content.Title, content.Version?.Number ?? 1, content.Version?.Message,
            content.Ancestors is { Count: > 0 } a ? a[^1].Id : null, WebUrl(site, content.Links?.Webui));
    }
}
