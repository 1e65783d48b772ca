using System.Net.Http.Headers;
using System.Text;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>Where and as whom one tenant's calls go, and which product's rules they follow. Built per call from the tenant's integration.</summary>
public sealed record ConfluenceSite(Guid TenantId, Uri BaseUrl, ConfluenceCredentials Credentials, ConfluenceProduct Product,
    ConfluenceApiProfile Profile = ConfluenceApiProfile.V1)
{
    public string AllowListName => ConfluenceEndpointAllowList.Name(Product, Profile);

    /// <summary>The base URL with a trailing slash, so relative API paths keep any context path (/confluence, /wiki).</summary>
    /// <remarks>Computed, not stored: a stored value would survive a <c>with</c> expression that changes the base URL.</remarks>
    public Uri Root => BaseUrl.AbsoluteUri.EndsWith('/') ? BaseUrl : new Uri(BaseUrl.AbsoluteUri + "/");
}

/// <summary>Credentials never print themselves: records would otherwise put the secret in every log line.</summary>
public abstract record ConfluenceCredentials
{
    public abstract AuthenticationHeaderValue ToAuthorizationHeader();
}

public sealed record BasicCredentials(string Username, string Password) : ConfluenceCredentials
{
    public override AuthenticationHeaderValue ToAuthorizationHeader() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));

    public override string ToString() => $"Basic {Username}:***";
}

public sealed record BearerCredentials(string Token) : ConfluenceCredentials
{
    public override AuthenticationHeaderValue ToAuthorizationHeader() => new("Bearer", Token);

    public override string ToString() => "Bearer ***";
}

/// <summary>A Cloud OAuth access token: sent as Bearer, but renewable, so a 401 renews it instead of failing.</summary>
public sealed record OAuthAccessToken(string Token) : ConfluenceCredentials
{
    public override AuthenticationHeaderValue ToAuthorizationHeader() => new("Bearer", Token);

    public override string ToString() => "Bearer (OAuth) ***";
}
