using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Publishing.Confluence;

namespace TeamRetro.Confluence.Publishing.Atlassian;

public sealed record OAuthTokens(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, string Scope);

public sealed record AccessibleSite(string Id, string Name, Uri Url, IReadOnlyList<string> Scopes);

/// <summary>Atlassian refused a grant: the integration needs an admin to connect it again.</summary>
public sealed class ReconsentRequiredException(string message) : PublicationFailedException(message, isPermanent: true);

/// <summary>
/// The only two Atlassian account calls the product makes besides Confluence's: the token endpoint
/// (<c>POST /oauth/token</c>) and the site list (<c>GET /oauth/token/accessible-resources</c>).
/// </summary>
public sealed class AtlassianAccountClient(HttpClient http, IOptions<AtlassianOptions> options, TimeProvider clock)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<OAuthTokens> ExchangeCode(string code, CancellationToken ct) => Token(new Dictionary<string, string>
    {
        ["grant_type"] = "authorization_code",
        ["client_id"] = options.Value.ClientId,
        ["client_secret"] = options.Value.ClientSecret,
        ["code"] = code,
        ["redirect_uri"] = options.Value.RedirectUri?.AbsoluteUri ?? "",
    }, ct);

    /// <summary>Refresh tokens rotate: the answer carries a new one, and the one sent is dead from now on.</summary>
    public Task<OAuthTokens> Refresh(string refreshToken, CancellationToken ct) => Token(new Dictionary<string, string>
    {
        ["grant_type"] = "refresh_token",
        ["client_id"] = options.Value.ClientId,
        ["client_secret"] = options.Value.ClientSecret,
        ["refresh_token"] = refreshToken,
    }, ct);

    /// <summary>The sites the user consented for; their order means nothing, so the admin picks one.</summary>
    public async Task<IReadOnlyList<AccessibleSite>> AccessibleResources(string accessToken, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Value.ApiBaseUrl, "oauth/token/accessible-resources"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new PublicationFailedException($"Listing the Atlassian sites failed: {(int)response.StatusCode} {response.StatusCode}.", IsPermanent(response.StatusCode));
        var sites = await response.Content.ReadFromJsonAsync<List<SiteDto>>(Json, ct) ?? [];
        return sites.Select(s => new AccessibleSite(s.Id, s.Name, new Uri(s.Url), s.Scopes ?? [])).ToList();
    }

    async Task<OAuthTokens> Token(Dictionary<string, string> body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(new Uri(options.Value.AuthBaseUrl, "oauth/token"), body, Json, ct);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ReadError(response, ct);
            // Atlassian answers 403 (sometimes 400/401) with invalid_grant or unauthorized_client: only a new consent helps.
            if (error is "invalid_grant" or "unauthorized_client")
                throw new ReconsentRequiredException($"Atlassian refused the integration's authorization ({error}): an admin must connect Confluence Cloud again.");
            throw new PublicationFailedException($"Atlassian's token endpoint answered {(int)response.StatusCode} {response.StatusCode}.", IsPermanent(response.StatusCode));
        }

        var token = await response.Content.ReadFromJsonAsync<TokenDto>(Json, ct)
            ?? throw new PublicationFailedException("Atlassian's token endpoint answered with an empty body.", isPermanent: false);
        if (string.IsNullOrEmpty(token.RefreshToken))
            throw new PublicationFailedException("Atlassian issued no refresh token: the app must ask for offline_access.", isPermanent: true);
        return new OAuthTokens(token.AccessToken, clock.GetUtcNow().AddSeconds(token.ExpiresIn), token.RefreshToken, token.Scope ?? "");
    }

    static async Task<string?> ReadError(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync<ErrorDto>(Json, ct))?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static bool IsPermanent(HttpStatusCode status) => ConfluenceErrorTable.IsPermanent(status);

    sealed record TokenDto(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("scope")] string? Scope);

    sealed record ErrorDto([property: JsonPropertyName("error")] string? Error);

    sealed record SiteDto(string Id, string Name, string Url, List<string>? Scopes);
}
