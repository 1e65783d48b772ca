namespace TeamRetro.Confluence.Emulator;

internal static class SpaceEndpoints
{
    public static void MapSpaces(this RouteGroupBuilder api, EmulatorState state, EmulatorOptions options)
    {
        api.MapGet("/user/current", (HttpContext http) =>
        {
            var user = EmulatorAuth.User(http);
            return user == EmulatorAuth.Anonymous
                ? Results.Json(new { type = "anonymous", displayName = "Anonymous" })
                : Results.Json(new { type = "known", username = user, displayName = user });
        });

        api.MapGet("/space", (HttpContext http, int? start, int? limit) =>
        {
            var keys = http.Request.Query["spaceKey"].Where(k => !string.IsNullOrEmpty(k)).Select(k => k!).ToHashSet(StringComparer.Ordinal);
            var from = Math.Max(0, start ?? 0);
            var size = Math.Clamp(limit ?? 25, 1, options.MaxPageSize);
            return state.Locked(s =>
            {
                var matching = s.Spaces.Where(sp => keys.Count == 0 || keys.Contains(sp.Key)).ToList();
                var page = matching.Skip(from).Take(size).ToList();
                var keyQuery = string.Concat(keys.Select(k => $"&spaceKey={Uri.EscapeDataString(k)}"));
                return Results.Json(new
                {
                    results = page.Select(sp => new { id = long.Parse(sp.Id, System.Globalization.CultureInfo.InvariantCulture), key = sp.Key, name = sp.Name, type = "global", status = "current", _links = new { webui = $"/spaces/{sp.Key}" } }),
                    start = from,
                    limit = size,
                    size = page.Count,
                    _links = new
                    {
                        @base = $"{http.Request.Scheme}://{http.Request.Host}{EmulatorApp.ContextPath(http)}",
                        context = EmulatorApp.ContextPath(http),
                        // Like Confluence: relative to the base URL (which includes the context path).
                        next = from + size < matching.Count ? $"/rest/api/space?limit={size}&start={from + size}{keyQuery}" : null,
                    },
                });
            });
        });
    }
}
