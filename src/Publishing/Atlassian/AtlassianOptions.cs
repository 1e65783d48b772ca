namespace TeamRetro.Confluence.Publishing.Atlassian;

/// <summary>Bound from "Atlassian": the OAuth 2.0 (3LO) app registered in Atlassian's developer console.</summary>
public sealed class AtlassianOptions
{
    public const string Section = "Atlassian";

    public Uri AuthBaseUrl { get; set; } = new("https://auth.atlassian.com/");
    public Uri ApiBaseUrl { get; set; } = new("https://api.atlassian.com/");
    public string ClientId { get; set; } = "";
    /// <summary>A secret: set it from the environment or a secret store, never in a committed file.</summary>
    public string ClientSecret { get; set; } = "";
    public Uri? RedirectUri { get; set; }

    /// <summary>Renew an access token this long before it expires.</summary>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromMinutes(5);
}
