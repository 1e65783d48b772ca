using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace TeamRetro.Confluence.Emulator;

/// <summary>
/// Atlassian's OAuth 2.0 (3LO) as the product meets it: authorization codes, one-hour access tokens, and refresh tokens
/// that rotate on every use. Reusing a spent refresh token revokes the whole grant (Atlassian allows a 10-minute
/// leeway; the emulator allows none, which is stricter and so catches a worker that spends a token twice).
/// </summary>
public sealed class OAuthServer
{
    readonly ConcurrentDictionary<string, Grant> codes = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, Grant> refreshTokens = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, (Grant Grant, DateTimeOffset ExpiresAt)> accessTokens = new(StringComparer.Ordinal);
    int refreshCalls;

    public string CloudId { get; } = "7e5c0d1a-0000-4000-8000-00000000c10d";
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);
    public int RefreshCalls => refreshCalls;
    public int RevokedGrants => revoked;
    int revoked;

    /// <summary>What the consent screen would hand back to the product's redirect URI.</summary>
    public string IssueCode(string user, string scopes)
    {
        var code = Token("code");
        codes[code] = new Grant(user, scopes);
        return code;
    }

    /// <summary>Every access token issued so far stops working (as an hour passing would).</summary>
    public void ExpireAccessTokens()
    {
        foreach (var key in accessTokens.Keys)
            accessTokens[key] = (accessTokens[key].Grant, DateTimeOffset.UtcNow.AddSeconds(-1));
    }

    /// <summary>The tokens a consent would have bought, for tests that start from a connected integration.</summary>
    public (string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt) IssueTokens(string user, string scopes) =>
        Register(new Grant(user, scopes));

    (string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt) Register(Grant grant)
    {
        var access = Token("access");
        var refresh = Token("refresh");
        var expiresAt = DateTimeOffset.UtcNow + AccessTokenLifetime;
        accessTokens[access] = (grant, expiresAt);
        refreshTokens[refresh] = grant;
        return (access, refresh, expiresAt);
    }

    internal string? UserOf(string accessToken) =>
        accessTokens.TryGetValue(accessToken, out var t) && t.ExpiresAt > DateTimeOffset.UtcNow && !t.Grant.Revoked ? t.Grant.User : null;

    internal IReadOnlyList<string> ScopesOf(string accessToken) =>
        accessTokens.TryGetValue(accessToken, out var t) ? t.Grant.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];

    internal object? ExchangeCode(string? code) =>
        code is not null && codes.TryRemove(code, out var grant) ? Issue(grant) : null;

    /// <returns>The new tokens, or null when the refresh token is unknown, spent (the grant is then revoked) or revoked.</returns>
    internal object? Refresh(string? refreshToken)
    {
        Interlocked.Increment(ref refreshCalls);
        if (refreshToken is null || !refreshTokens.TryGetValue(refreshToken, out var grant) || grant.Revoked)
            return null;
        lock (grant)
        {
            if (grant.Spent.Contains(refreshToken))
            {
                grant.Revoked = true;
                Interlocked.Increment(ref revoked);
                return null;
            }

            grant.Spent.Add(refreshToken);
        }

        return Issue(grant);
    }

    object Issue(Grant grant)
    {
        var (access, refresh, _) = Register(grant);
        return new { access_token = access, expires_in = (int)AccessTokenLifetime.TotalSeconds, token_type = "Bearer", refresh_token = refresh, scope = grant.Scopes };
    }

    static string Token(string kind) => $"{kind}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";

    sealed class Grant(string user, string scopes)
    {
        public string User { get; } = user;
        public string Scopes { get; } = scopes;
        public HashSet<string> Spent { get; } = [];
        public bool Revoked { get; set; }
    }
}
