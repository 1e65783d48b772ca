using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Worker.Confluence;
using TeamRetro.Confluence.Worker.Integrations;
using TeamRetro.Confluence.Worker.Persistence;

namespace TeamRetro.Confluence.Worker.Atlassian;

/// <summary>The Cloud OAuth 2.0 (3LO) connect flow: the authorize URL, then the code exchange and the admin's site choice.</summary>
public sealed class CloudConnect(PublicationDbContext db, SecretProtector secrets, AtlassianAccountClient account,
    IOptions<AtlassianOptions> options, TimeProvider clock)
{
    /// <param name="state">Opaque, short-lived and bound to the admin who started the flow (the Api's job).</param>
    public Uri AuthorizeUrl(ConfluenceApiProfile profile, string state)
    {
        var o = options.Value;
        var query = string.Join('&', new Dictionary<string, string>
        {
            ["audience"] = "api.atlassian.com",
            ["client_id"] = o.ClientId,
            ["scope"] = OAuthScopes.For(profile),
            ["redirect_uri"] = o.RedirectUri?.AbsoluteUri ?? "",
            ["state"] = state,
            ["response_type"] = "code",
            ["prompt"] = "consent",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        return new Uri(o.AuthBaseUrl, "authorize?" + query);
    }

    /// <summary>Exchanges the code, stores the tokens (encrypted) and returns the sites for the admin to pick from.</summary>
    public async Task<IReadOnlyList<AccessibleSite>> CompleteConsent(Guid tenantId, string code, ConfluenceApiProfile profile, CancellationToken ct)
    {
        var tokens = await account.ExchangeCode(code, ct);
        var integration = await db.Integrations.SingleOrDefaultAsync(i => i.TenantId == tenantId, ct);
        if (integration is null)
        {
            integration = new ConfluenceIntegration { TenantId = tenantId, CreatedAt = clock.GetUtcNow() };
            db.Integrations.Add(integration);
        }

        integration.AuthKind = ConfluenceAuthKind.CloudOAuth;
        integration.ApiProfile = profile;
        integration.BaseUrl = options.Value.ApiBaseUrl.AbsoluteUri;
        integration.Username = null;
        integration.EncryptedSecret = null;
        integration.EncryptedAccessToken = secrets.Protect(tokens.AccessToken);
        integration.AccessTokenExpiresAt = tokens.ExpiresAt;
        integration.EncryptedRefreshToken = secrets.Protect(tokens.RefreshToken);
        integration.NeedsReconsent = false;
        integration.RefreshClaimedUntil = null;
        integration.TokenStamp++;
        integration.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return await account.AccessibleResources(tokens.AccessToken, ct);
    }

    public async Task SelectSite(Guid tenantId, string cloudId, string spaceKey, CancellationToken ct)
    {
        var integration = await db.Integrations.SingleAsync(i => i.TenantId == tenantId, ct);
        integration.CloudId = cloudId;
        integration.SpaceKey = spaceKey;
        integration.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }
}
