using System.Net.Http.Headers;
using System.Text;

namespace TeamRetro.Confluence.Emulator;

/// <summary>
/// Data Center: basic auth (user + password) or a personal access token as Bearer (since 7.9). Cloud: basic auth (email +
/// API token) on the site, or an OAuth access token through Atlassian's gateway; Cloud has no personal access tokens.
/// With anonymous access on, a request without credentials runs as anonymous (read-only), and Data Center runs an
/// unknown personal access token as anonymous too, which is how a wrong token can go unnoticed.
/// </summary>
internal static class EmulatorAuth
{
    public const string UserItem = "emulator.user";
    public const string Anonymous = "anonymous";

    public static async Task Authenticate(HttpContext http, EmulatorState state, EmulatorOptions options, OAuthServer oauth, Func<Task> next)
    {
        var header = http.Request.Headers.Authorization.ToString();
        string? user = null;
        if (AuthenticationHeaderValue.TryParse(header, out var auth))
        {
            user = state.Locked(s => auth.Scheme.ToUpperInvariant() switch
            {
                "BASIC" => Basic(s.Users, auth.Parameter),
                "BEARER" => options.Product == EmulatedProduct.Cloud
                    ? (http.Items.ContainsKey(OAuthEndpoints.OAuthItem) ? oauth.UserOf(auth.Parameter ?? "") : null) // OAuth only through the gateway
                    : s.Users.Values.FirstOrDefault(u => u.PersonalAccessToken is not null && u.PersonalAccessToken == auth.Parameter)?.Name,
                _ => null,
            });
            if (user is null && options.AllowAnonymous && options.Product == EmulatedProduct.DataCenter && auth.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            {
                user = Anonymous; // Data Center runs an unknown personal access token as anonymous when anonymous access is on
            }
            else if (user is null)
            {
                await ConfluenceErrors.Error(401, "Authentication failed.").ExecuteAsync(http);
                return;
            }
        }
        else if (options.AllowAnonymous)
        {
            user = Anonymous;
        }
        else
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Confluence\"";
            await ConfluenceErrors.Error(401, "This request requires authentication.").ExecuteAsync(http);
            return;
        }

        http.Items[UserItem] = user;
        await next();
    }

    public static string User(HttpContext http) => http.Items[UserItem] as string ?? Anonymous;

    public static bool CanWrite(EmulatorState.StateView state, string user, string spaceKey) =>
        state.Users.TryGetValue(user, out var u) && (u.WritableSpaces is null || u.WritableSpaces.Contains(spaceKey));

    static string? Basic(Dictionary<string, EmulatorUser> users, string? parameter)
    {
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
                return null;
            return users.TryGetValue(pair[..colon], out var user) && user.Password == pair[(colon + 1)..] ? user.Name : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
