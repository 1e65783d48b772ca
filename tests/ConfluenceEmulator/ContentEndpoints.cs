using System.Text;
using System.Text.Json;

namespace TeamRetro.Confluence.Emulator;

/// <summary>
/// GET/POST /rest/api/content and PUT /rest/api/content/{id}, with Confluence's rules and error answers. Titles match
/// and collide case-insensitively, as in Confluence.
/// </summary>
internal static class ContentEndpoints
{
    public const int MaxBodyBytes = 5_242_880;
    const int MaxTitle = 255;

    public static void MapContent(this RouteGroupBuilder api, EmulatorState state, EmulatorOptions options)
    {
        api.MapGet("/content", (HttpContext http, string? type, string? spaceKey, string? title, string? expand, int? start, int? limit) =>
        {
            var expansions = (expand ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var from = Math.Max(0, start ?? 0);
            var size = Math.Clamp(limit ?? 25, 1, options.MaxPageSize);
            return state.Locked(s =>
            {
                var matching = s.Pages
                    .Where(p => (type is null or "page") && (spaceKey is null || p.SpaceKey == spaceKey) && (title is null || string.Equals(p.Title, title, StringComparison.OrdinalIgnoreCase)))
                    .ToList();
                var page = matching.Skip(from).Take(size).ToList();
                return Results.Json(new
                {
                    results = page.Select(p => PageJson.Of(s, p, expansions.Contains("version"), expansions.Contains("ancestors"), expansions.Contains("body.storage"))),
                    start = from,
                    limit = size,
                    size = page.Count,
                    _links = new { @base = $"{http.Request.Scheme}://{http.Request.Host}{EmulatorApp.ContextPath(http)}", context = EmulatorApp.ContextPath(http) },
                });
            });
        });

        // Typed as a Func, not a RequestDelegate, so minimal APIs write the IResult it answers.
        Func<HttpContext, Task<IResult>> create = http => Write(http, state, (s, root, user) =>
            {
                if (Text(root, "type") != "page")
                    return ConfluenceErrors.Error(400, "Only content of type page is supported here.");
                var spaceKey = root.TryGetProperty("space", out var space) ? Text(space, "key") : null;
                if (spaceKey is null || s.Spaces.All(sp => sp.Key != spaceKey))
                    return ConfluenceErrors.Error(404, $"No space with key : {spaceKey}");
                if (!EmulatorAuth.CanWrite(s, user, spaceKey))
                    return ConfluenceErrors.Error(403, $"User {user} does not have permission to create content in space {spaceKey}");
                var title = Text(root, "title");
                if (TitleProblem(title) is { } titleProblem)
                    return ConfluenceErrors.Error(400, titleProblem);
                string? parentId = null;
                if (root.TryGetProperty("ancestors", out var ancestors) && ancestors.ValueKind == JsonValueKind.Array)
                {
                    if (ancestors.GetArrayLength() > 1)
                        return ConfluenceErrors.Error(400, "Only one ancestor may be given when creating content.");
                    if (ancestors.GetArrayLength() == 1)
                    {
                        parentId = Id(ancestors[0]);
                        if (s.Pages.All(p => p.Id != parentId || p.SpaceKey != spaceKey))
                            return ConfluenceErrors.Error(404, $"Could not find the parent page with id {parentId} in space {spaceKey}");
                    }
                }

                if (s.Pages.Any(p => p.SpaceKey == spaceKey && string.Equals(p.Title, title, StringComparison.OrdinalIgnoreCase)))
                    return ConfluenceErrors.Error(400, $"A page with this title already exists: A page already exists with the title {title} in the space with key {spaceKey}");
                var body = StorageBody(root);
                if (body is null)
                    return ConfluenceErrors.Error(400, "The page body must be given in storage representation.");
                if (StorageXml.Problem(body) is { } bodyProblem)
                    return ConfluenceErrors.Error(400, bodyProblem);

                var page = new EmulatorState.Page(s.NextId(), spaceKey, title!, parentId, user);
                page.Versions.Add(new EmulatorState.PageVersion(1, body, VersionMessage(root), DateTimeOffset.UtcNow));
                s.Pages.Add(page);
                return Results.Json(PageJson.Of(s, page, version: true, ancestors: true));
            });
        api.MapPost("/content", create);

        api.MapPut("/content/{id}", (HttpContext http, string id) => Write(http, state, (s, root, user) =>
            {
                var page = s.Pages.FirstOrDefault(p => p.Id == id);
                if (page is null)
                    return ConfluenceErrors.Error(404, $"No content found with id: {id}");
                if (!EmulatorAuth.CanWrite(s, user, page.SpaceKey))
                    return ConfluenceErrors.Error(403, $"User {user} does not have permission to edit content {id}");
                var number = root.TryGetProperty("version", out var version) && version.TryGetProperty("number", out var n) && n.TryGetInt32(out var v) ? v : 0;
                if (number != page.Current.Number + 1)
                    return ConfluenceErrors.Error(409, $"Version must be incremented on update. Current version is: {page.Current.Number}");
                var title = Text(root, "title") ?? page.Title;
                if (TitleProblem(title) is { } titleProblem)
                    return ConfluenceErrors.Error(400, titleProblem);
                if (s.Pages.Any(p => p.Id != id && p.SpaceKey == page.SpaceKey && string.Equals(p.Title, title, StringComparison.OrdinalIgnoreCase)))
                    return ConfluenceErrors.Error(400, $"A page with this title already exists: A page already exists with the title {title} in the space with key {page.SpaceKey}");
                var body = StorageBody(root) ?? page.Current.Body;
                if (StorageXml.Problem(body) is { } bodyProblem)
                    return ConfluenceErrors.Error(400, bodyProblem);
                if (root.TryGetProperty("ancestors", out var ancestors) && ancestors.ValueKind == JsonValueKind.Array && ancestors.GetArrayLength() == 1)
                    page.ParentId = Id(ancestors[0]);

                page.Title = title;
                page.Versions.Add(new EmulatorState.PageVersion(number, body, VersionMessage(root), DateTimeOffset.UtcNow));
                return Results.Json(PageJson.Of(s, page, version: true, ancestors: true));
            }));
    }

    /// <summary>Reads the JSON body (413 when too large, 400 when not JSON), then writes under the state's lock as the caller.</summary>
    static async Task<IResult> Write(HttpContext http, EmulatorState state, Func<EmulatorState.StateView, JsonElement, string, IResult> write)
    {
        var (json, tooLarge) = await ReadBody(http);
        if (tooLarge)
            return ConfluenceErrors.Error(413, "Request entity too large");
        if (json is null)
            return ConfluenceErrors.Error(400, "Could not parse the request body.");
        using (json)
        {
            var root = json.RootElement;
            var user = EmulatorAuth.User(http);
            return state.Locked(s => write(s, root, user));
        }
    }

    static async Task<(JsonDocument? Json, bool TooLarge)> ReadBody(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        // Confluence's limit is on the request; a storage body over 5 MiB cannot fit in a smaller request.
        if (buffer.Length > MaxBodyBytes + 64 * 1024)
            return (null, true);
        try
        {
            var json = JsonDocument.Parse(buffer.ToArray());
            return StorageBody(json.RootElement) is { } body && Encoding.UTF8.GetByteCount(body) > MaxBodyBytes ? (null, true) : (json, false);
        }
        catch (JsonException)
        {
            return (null, false);
        }
    }

    static string? TitleProblem(string? title) =>
        string.IsNullOrWhiteSpace(title) ? "A page title is required."
        : title.Length > MaxTitle ? $"Title cannot be longer than {MaxTitle} characters."
        : null;

    static string? StorageBody(JsonElement root) =>
        root.TryGetProperty("body", out var body) && body.TryGetProperty("storage", out var storage) ? Text(storage, "value") : null;

    static string? VersionMessage(JsonElement root) =>
        root.TryGetProperty("version", out var version) ? Text(version, "message") : null;

    static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    static string? Id(JsonElement element) =>
        element.TryGetProperty("id", out var id) ? id.ValueKind == JsonValueKind.Number ? id.GetRawText() : id.GetString() : null;
}
