using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Publishing.Atlassian;

/// <summary>The Cloud OAuth 2.0 (3LO) connect flow: the authorize URL, then the code exchange and the admin's site choice.</summary>
public sealed class CloudConnect(PublicationDbContext db, SecretProtector secrets, AtlassianAccountClient account, AtlassianTokens tokens,
    ConfluenceClient confluence, IOptions<AtlassianOptions> options, TimeProvider clock)
{
    /// <summary>Atlassian's cloud ids are GUIDs; anything else (e.g. "..") would change the gateway path.</summary>
    public static bool IsWellFormedCloudId(string? cloudId) =>
        cloudId is { Length: > 0 and <= 64 } && cloudId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

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
        var granted = await account.ExchangeCode(code, ct);
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
        integration.EncryptedAccessToken = secrets.Protect(granted.AccessToken);
        integration.AccessTokenExpiresAt = granted.ExpiresAt;
        integration.EncryptedRefreshToken = secrets.Protect(granted.RefreshToken);
        integration.NeedsReconsent = false;
        integration.RefreshClaimedUntil = null;
        integration.TokenStamp++;
        integration.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        // A token cached from an earlier consent (maybe another Atlassian account) must not answer for this one.
        tokens.Forget(tenantId);
        return await account.AccessibleResources(granted.AccessToken, ct);
    }

    /// <summary>The sites this integration's consent reaches, listed again with its current access token.</summary>
    public async Task<IReadOnlyList<AccessibleSite>> Sites(Guid tenantId, CancellationToken ct) =>
        await account.AccessibleResources(await tokens.AccessToken(tenantId, ct), ct);

    /// <summary>
    /// Stores the admin's choice when this consent's accessible resources list the site and the space exists on it;
    /// otherwise nothing is stored and the answer names the field at fault ("cloudId" or "spaceKey") and why.
    /// </summary>
    public async Task<(string Field, string Problem)?> SelectSite(Guid tenantId, string? cloudId, string? spaceKey, CancellationToken ct)
    {
        if (!IsWellFormedCloudId(cloudId))
            return ("cloudId", "The cloud id must be a site id from the connect answer (letters, digits and dashes).");
        if (string.IsNullOrWhiteSpace(spaceKey))
            return ("spaceKey", "A space key is required.");
        var integration = await db.Integrations.SingleAsync(i => i.TenantId == tenantId, ct);
        string token;
        try
        {
            token = await tokens.AccessToken(tenantId, ct);
            if (!(await account.AccessibleResources(token, ct)).Any(s => string.Equals(s.Id, cloudId, StringComparison.Ordinal)))
                return ("cloudId", $"Site '{cloudId}' is not one this Atlassian consent can reach; pick one from the connect answer.");
        }
        catch (PublicationFailedException e)
        {
            return ("cloudId", e.Message);
        }

        try
        {
            var site = new ConfluenceSite(tenantId, ConfluenceSiteResolver.CloudGateway(integration.BaseUrl, cloudId!), new OAuthAccessToken(token),
                ConfluenceProduct.Cloud, integration.ApiProfile);
            if (await confluence.FindSpace(site, spaceKey, ct) is null)
                return ("spaceKey", $"Space '{spaceKey}' was not found on this site, or this consent cannot see it.");
        }
        catch (PublicationFailedException e)
        {
            return ("spaceKey", e.Message);
        }

        integration.CloudId = cloudId;
        integration.SpaceKey = spaceKey;
        integration.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return null;
    }
}
