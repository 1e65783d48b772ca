using System.Text.Json;

namespace TeamRetro.Confluence.Emulator;

/// <summary>
/// auth.atlassian.com's token endpoint, api.atlassian.com's accessible-resources, and the gateway
/// /ex/confluence/{cloudId}/wiki/... that forwards to the site's own routes.
/// </summary>
internal static class OAuthEndpoints
{
    public const string OAuthItem = "emulator.oauth";

    public static void MapOAuth(this WebApplication app, OAuthServer oauth, EmulatorOptions options)
    {
        // The consent screen, auto-approved as the first configured user: redirects back with a code and the state.
        app.MapGet("/authorize", (string redirect_uri, string? state, string? scope) =>
        {
            var code = oauth.IssueCode(options.Users[0].Name, scope ?? "");
            var separator = redirect_uri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            return Results.Redirect($"{redirect_uri}{separator}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state ?? "")}");
        });

        app.MapPost("/oauth/token", async (HttpContext http) =>
        {
            using var json = await JsonDocument.ParseAsync(http.Request.Body);
            var root = json.RootElement;
            string? Field(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var tokens = Field("grant_type") switch
            {
                "authorization_code" => oauth.ExchangeCode(Field("code")),
                "refresh_token" => oauth.Refresh(Field("refresh_token")),
                _ => null,
            };
            return tokens is null
                ? Results.Json(new { error = "invalid_grant", error_description = "Unknown or invalid refresh token." }, statusCode: 403)
                : Results.Json(tokens);
        });

        app.MapGet("/oauth/token/accessible-resources", (HttpContext http) =>
        {
            var token = http.Request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);
            return oauth.UserOf(token) is null
                ? Results.Json(new { code = 401, message = "Unauthorized" }, statusCode: 401)
                : Results.Json(new[]
                {
                    new { id = oauth.CloudId, name = "emulated-site", url = $"{http.Request.Scheme}://{http.Request.Host}/wiki", scopes = oauth.ScopesOf(token), avatarUrl = "" },
                });
        });
    }

    /// <summary>
    /// Rewrites gateway calls onto the site's routes and marks them as OAuth traffic; with
    /// <see cref="EmulatorOptions.V1ContentGoneForOAuth"/> the removed v1 space and content calls answer 410, like Cloud today.
    /// </summary>
    public static Func<HttpContext, Func<Task>, Task> Gateway(OAuthServer oauth, EmulatorOptions options) => async (http, next) =>
    {
        var prefix = $"/ex/confluence/{oauth.CloudId}/wiki";
        if (!http.Request.Path.StartsWithSegments(prefix, out var rest))
        {
            await next();
            return;
        }

        http.Items[OAuthItem] = true;
        http.Request.Path = "/wiki" + rest;
        var path = http.Request.Path.Value ?? "";
        var removedV1 = path is "/wiki/rest/api/space" or "/wiki/rest/api/content"
            || (path.StartsWith("/wiki/rest/api/content/", StringComparison.Ordinal) && !path.Contains("/child/attachment", StringComparison.Ordinal));
        if (options.V1ContentGoneForOAuth && removedV1)
        {
            await Results.Json(new { statusCode = 410, message = "This deprecated endpoint has been removed." }, statusCode: 410).ExecuteAsync(http);
            return;
        }

        await next();
    };
}
