using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Publishing.Atlassian;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Publishing.Integrations;

/// <summary>Turns a tenant's stored integration into the site a step calls, or a permanent failure saying why it cannot.</summary>
public sealed class ConfluenceSiteResolver(PublicationDbContext db, SecretProtector secrets, AtlassianTokens tokens)
{
    public async Task<(ConfluenceIntegration Integration, ConfluenceSite Site)> Resolve(Guid tenantId, CancellationToken ct)
    {
        var integration = await db.Integrations.AsNoTracking().SingleOrDefaultAsync(i => i.TenantId == tenantId, ct)
            ?? throw new PublicationFailedException($"No Confluence integration is configured for tenant {tenantId}.", isPermanent: true);
        if (!integration.Enabled)
            throw new PublicationFailedException($"The Confluence integration of tenant {tenantId} is disabled.", isPermanent: true);

        if (integration.AuthKind.Product() == ConfluenceProduct.DataCenter && integration.ApiProfile != ConfluenceApiProfile.V1)
            throw new PublicationFailedException("Data Center has no v2 API: set the integration's API profile to V1.", isPermanent: true);
        if (integration.AuthKind == ConfluenceAuthKind.CloudOAuth)
            return (integration, await CloudSite(integration, ct));

        var secret = integration.EncryptedSecret is { Length: > 0 } s ? secrets.Unprotect(s) : "";
        ConfluenceCredentials credentials = integration.AuthKind switch
        {
            ConfluenceAuthKind.ServerBasic or ConfluenceAuthKind.CloudApiToken => new BasicCredentials(integration.Username ?? "", secret),
            ConfluenceAuthKind.ServerPersonalAccessToken => new BearerCredentials(secret),
            _ => throw new PublicationFailedException($"The integration's authentication '{integration.AuthKind}' is not supported yet.", isPermanent: true),
        };
        return (integration, new ConfluenceSite(tenantId, new Uri(integration.BaseUrl), credentials, integration.AuthKind.Product(), integration.ApiProfile));
    }

    /// <summary>Cloud OAuth calls go through Atlassian's gateway: {api}/ex/confluence/{cloudId}/wiki/...</summary>
    async Task<ConfluenceSite> CloudSite(ConfluenceIntegration integration, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(integration.CloudId))
            throw new PublicationFailedException("The Confluence Cloud integration has no site selected yet.", isPermanent: true);
        if (!CloudConnect.IsWellFormedCloudId(integration.CloudId))
            throw new PublicationFailedException("The Confluence Cloud integration's site id is malformed: an admin must pick the site again.", isPermanent: true);
        var token = await tokens.AccessToken(integration.TenantId, ct);
        return new ConfluenceSite(integration.TenantId, CloudGateway(integration.BaseUrl, integration.CloudId), new OAuthAccessToken(token),
            ConfluenceProduct.Cloud, integration.ApiProfile);
    }

    /// <summary>The site root of a Cloud site behind Atlassian's gateway: {api}/ex/confluence/{cloudId}/wiki/.</summary>
    public static Uri CloudGateway(string apiBaseUrl, string cloudId) =>
        new(new Uri(apiBaseUrl), $"ex/confluence/{Uri.EscapeDataString(cloudId)}/wiki/");
}
