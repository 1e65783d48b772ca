namespace TeamRetro.Confluence.Publishing.Integrations;

/// <summary>A tenant's Confluence connection and where its reports go. One per tenant.</summary>
public sealed class ConfluenceIntegration
{
    public Guid TenantId { get; set; }
    public ConfluenceAuthKind AuthKind { get; set; }
    /// <summary>Site base URL, e.g. https://confluence.example.com/confluence (Server/DC) or https://x.atlassian.net/wiki.</summary>
    public string BaseUrl { get; set; } = "";
    public string? Username { get; set; }
    /// <summary>Password, API token or personal access token, encrypted with ASP.NET Data Protection. Never plaintext.</summary>
    public string? EncryptedSecret { get; set; }
    /// <summary>v1 (Server / Data Center, Cloud API tokens) or Cloud's current v2 pages and spaces.</summary>
    public Confluence.ConfluenceApiProfile ApiProfile { get; set; } = Confluence.ConfluenceApiProfile.V1;
    public string SpaceKey { get; set; } = "";
    public const string DefaultRetrospectiveParentTitle = "Retrospectives";
    public const string DefaultHealthCheckParentTitle = "Health Checks";

    public string RetrospectiveParentTitle { get; set; } = DefaultRetrospectiveParentTitle;
    public string HealthCheckParentTitle { get; set; } = DefaultHealthCheckParentTitle;
    // Cloud OAuth 2.0 (3LO): the site picked by the admin and the rotating tokens, both encrypted.
    public string? CloudId { get; set; }
    public string? EncryptedRefreshToken { get; set; }
    public string? EncryptedAccessToken { get; set; }
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }
    /// <summary>Set while one worker refreshes the tokens, so no other uses the refresh token it is rotating.</summary>
    public DateTimeOffset? RefreshClaimedUntil { get; set; }
    /// <summary>Atlassian refused the refresh token (invalid_grant / unauthorized_client): an admin must connect again.</summary>
    public bool NeedsReconsent { get; set; }
    /// <summary>Optimistic-concurrency token for the token columns: a refresh claim is won by exactly one worker.</summary>
    public int TokenStamp { get; set; }

    /// <summary>Page title pattern with {team}, {title}, {kind}, {date}; null for the default title.</summary>
    public string? TitlePattern { get; set; }

    /// <summary>The tenant's own Scriban template for retrospective pages, or null for the built-in one.</summary>
    public string? RetrospectiveTemplate { get; set; }
    /// <summary>The tenant's own Scriban template for health-check pages, or null for the built-in one.</summary>
    public string? HealthCheckTemplate { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class ConfluenceIntegrationExtensions
{
    /// <summary>Server basic and personal access tokens are Data Center's; API tokens and OAuth are Cloud's.</summary>
    public static Confluence.ConfluenceProduct Product(this ConfluenceAuthKind kind) =>
        kind is ConfluenceAuthKind.CloudApiToken or ConfluenceAuthKind.CloudOAuth ? Confluence.ConfluenceProduct.Cloud : Confluence.ConfluenceProduct.DataCenter;

    public static string? TemplateFor(this ConfluenceIntegration integration, Contracts.MeetingKind kind) =>
        kind == Contracts.MeetingKind.HealthCheck ? integration.HealthCheckTemplate : integration.RetrospectiveTemplate;
}

public enum ConfluenceAuthKind
{
    /// <summary>Server / Data Center, username + password (basic auth).</summary>
    ServerBasic = 0,
    /// <summary>Server / Data Center 7.9+, personal access token (Bearer).</summary>
    ServerPersonalAccessToken = 1,
    /// <summary>Cloud, account email + API token (basic auth against the site URL).</summary>
    CloudApiToken = 2,
    /// <summary>Cloud, OAuth 2.0 (3LO) through api.atlassian.com.</summary>
    CloudOAuth = 3,
}
