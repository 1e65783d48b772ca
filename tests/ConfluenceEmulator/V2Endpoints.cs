using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TeamRetro.Confluence.Emulator;

/// <summary>
/// Cloud's v2 spaces and pages (cursor paging, space ids, parentId, v2 error bodies as in hunyadi/md2conf#149). Create takes no version
/// message, like Confluence Cloud; update requires version.number = current + 1.
/// </summary>
internal static class V2Endpoints
{
    public static void MapV2(this RouteGroupBuilder api, EmulatorState state, EmulatorOptions options)
    {
        api.MapGet("/spaces", (HttpContext http, string? keys, int? limit, string? cursor) =>
        {
            var wanted = (keys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            return state.Locked(s =>
            {
                var matching = s.Spaces.Where(sp => wanted.Count == 0 || wanted.Contains(sp.Key)).ToList();
                var (page, next) = Page(matching, limit, cursor, options);
                var keyQuery = wanted.Count > 0 ? "&keys=" + Uri.EscapeDataString(string.Join(',', wanted)) : "";
                return Results.Json(new
                {
                    results = page.Select(sp => new { id = sp.Id, key = sp.Key, name = sp.Name, type = "global", status = "current" }),
                    _links = new { next = next is null ? null : $"{Prefix(http)}/spaces?cursor={next}&limit={limit ?? 25}{keyQuery}", @base = Base(http) },
                });
            });
        });

        api.MapGet("/pages", (HttpContext http, int? limit, string? cursor, string? title) =>
        {
            var spaceId = http.Request.Query["space-id"].ToString();
            return state.Locked(s =>
            {
                var spaceKey = s.Spaces.FirstOrDefault(sp => sp.Id == spaceId)?.Key;
                var matching = s.Pages.Where(p => (spaceId.Length == 0 || p.SpaceKey == spaceKey) && (title is null || string.Equals(p.Title, title, StringComparison.OrdinalIgnoreCase))).ToList();
                var (page, next) = Page(matching, limit, cursor, options);
                return Results.Json(new
                {
                    results = page.Select(p => Json(s, p)),
                    _links = new { next = next is null ? null : $"{Prefix(http)}/pages?cursor={next}", @base = Base(http) },
                });
            });
        });

        api.MapPost("/pages", async (HttpContext http) =>
        {
            var root = await Body(http);
            if (root is null)
                return ConfluenceErrors.V2(400, "INVALID_REQUEST_PARAMETER", "Could not parse the request body.");
            var user = EmulatorAuth.User(http);
            return state.Locked(s =>
            {
                var space = s.Spaces.FirstOrDefault(sp => sp.Id == Text(root.Value, "spaceId"));
                if (space is null)
                    return ConfluenceErrors.V2(404, "NOT_FOUND", "Space not found.");
                if (!EmulatorAuth.CanWrite(s, user, space.Key))
                    return ConfluenceErrors.V2(403, "FORBIDDEN", "You do not have permission to create pages in this space.");
                var title = Text(root.Value, "title");
                if (string.IsNullOrWhiteSpace(title) || title.Length > 255)
                    return ConfluenceErrors.V2(400, "INVALID_REQUEST_PARAMETER", "A title of 1 to 255 characters is required.");
                var parentId = Text(root.Value, "parentId");
                if (parentId is not null && s.Pages.All(p => p.Id != parentId || p.SpaceKey != space.Key))
                    return ConfluenceErrors.V2(404, "NOT_FOUND", "Parent page not found.");
                if (s.Pages.Any(p => p.SpaceKey == space.Key && string.Equals(p.Title, title, StringComparison.OrdinalIgnoreCase)))
                    return ConfluenceErrors.V2(400, "BAD_REQUEST", $"A page with this title already exists: A page already exists with the same TITLE in this space");
                var body = StorageBody(root.Value) ?? "";
                if (Encoding.UTF8.GetByteCount(body) > ContentEndpoints.MaxBodyBytes)
                    return ConfluenceErrors.V2(413, "REQUEST_ENTITY_TOO_LARGE", "Request entity too large");
                if (StorageXml.Problem(body) is { } problem)
                    return ConfluenceErrors.V2(400, "INVALID_REQUEST_PARAMETER", problem);

                var page = new EmulatorState.Page(s.NextId(), space.Key, title, parentId, user);
                page.Versions.Add(new EmulatorState.PageVersion(1, body, null, DateTimeOffset.UtcNow));
                s.Pages.Add(page);
                return Results.Json(Json(s, page));
            });
        });

        api.MapPut("/pages/{id}", async (HttpContext http, string id) =>
        {
            var root = await Body(http);
            if (root is null)
                return ConfluenceErrors.V2(400, "INVALID_REQUEST_PARAMETER", "Could not parse the request body.");
            var user = EmulatorAuth.User(http);
            return state.Locked(s =>
            {
                var page = s.Pages.FirstOrDefault(p => p.Id == id);
                if (page is null)
                    return ConfluenceErrors.V2(404, "NOT_FOUND", "Page not found.");
                if (!EmulatorAuth.CanWrite(s, user, page.SpaceKey))
                    return ConfluenceErrors.V2(403, "FORBIDDEN", "You do not have permission to edit this page.");
                var version = root.Value.TryGetProperty("version", out var v) ? v : default;
                var number = version.ValueKind == JsonValueKind.Object && version.TryGetProperty("number", out var n) && n.TryGetInt32(out var i) ? i : 0;
                if (number != page.Current.Number + 1)
                    return ConfluenceErrors.V2(409, "CONFLICT", $"Version must be incremented on update. Current version is: {page.Current.Number}");
                var title = Text(root.Value, "title") ?? page.Title;
                if (title.Length > 255 || s.Pages.Any(p => p.Id != id && p.SpaceKey == page.SpaceKey && string.Equals(p.Title, title, StringComparison.OrdinalIgnoreCase)))
                    return ConfluenceErrors.V2(400, "BAD_REQUEST", "A page with this title already exists in this space, or the title is too long.");
                var body = StorageBody(root.Value) ?? page.Current.Body;
                if (StorageXml.Problem(body) is { } problem)
                    return ConfluenceErrors.V2(400, "INVALID_REQUEST_PARAMETER", problem);
                page.Title = title;
                page.Versions.Add(new EmulatorState.PageVersion(number, body, version.ValueKind == JsonValueKind.Object ? Text(version, "message") : null, DateTimeOffset.UtcNow));
                return Results.Json(Json(s, page));
            });
        });
    }

    static object Json(EmulatorState.StateView state, EmulatorState.Page page) => new
    {
        id = page.Id,
        status = "current",
        title = page.Title,
        spaceId = state.Spaces.First(sp => sp.Key == page.SpaceKey).Id,
        parentId = page.ParentId,
        parentType = page.ParentId is null ? null : "page",
        version = new { number = page.Current.Number, message = page.Current.Message ?? "", createdAt = page.Current.When },
        _links = new { webui = $"/spaces/{page.SpaceKey}/pages/{page.Id}", editui = $"/pages/resumedraft.action?draftId={page.Id}" },
    };

    static (List<T> Page, string? Next) Page<T>(List<T> all, int? limit, string? cursor, EmulatorOptions options)
    {
        var size = Math.Clamp(limit ?? 25, 1, options.MaxPageSize);
        var from = cursor is null ? 0 : int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)), CultureInfo.InvariantCulture);
        var page = all.Skip(from).Take(size).ToList();
        var next = from + size < all.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes((from + size).ToString(CultureInfo.InvariantCulture))) : null;
        return (page, next is null ? null : Uri.EscapeDataString(next));
    }

    static string Prefix(HttpContext http) => EmulatorApp.ContextPath(http) + "/api/v2";

    static string Base(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{EmulatorApp.ContextPath(http)}";

    static async Task<JsonElement?> Body(HttpContext http)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static string? StorageBody(JsonElement root) =>
        root.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object ? Text(body, "value") : null;

    static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
