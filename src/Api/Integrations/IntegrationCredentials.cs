using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Api.Outcomes;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Api.Integrations;

/// <summary>Server / Data Center (basic or personal access token) or Cloud with an API token: validated, verified live, then stored.</summary>
public sealed class IntegrationCredentials(IntegrationAccess access, PublicationDbContext db, SecretProtector secrets, ConfluenceClient confluence,
    IOptions<ConfluenceOptions> options, TimeProvider clock)
{
    public async Task<Outcome<IntegrationView>> Save(Guid tenantId, ServerIntegrationRequest request, CancellationToken ct)
    {
        if (!access.Allows(tenantId))
            return Outcome.NotFound;
        if (await Problem(request, ct) is { } problem)
            return problem;
        if (await LiveProblem(tenantId, request, ct) is { } refused)
            return refused;

        var i = await access.Find(tenantId, ct);
        if (i is null)
        {
            i = new ConfluenceIntegration { TenantId = tenantId, CreatedAt = clock.GetUtcNow() };
            db.Integrations.Add(i);
        }

        i.AuthKind = request.AuthKind;
        i.ApiProfile = request.ApiProfile;
        i.BaseUrl = request.BaseUrl;
        i.Username = request.AuthKind == ConfluenceAuthKind.ServerPersonalAccessToken ? null : request.Username;
        i.EncryptedSecret = secrets.Protect(request.Secret);
        i.SpaceKey = request.SpaceKey;
        i.Enabled = true;
        i.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return await IntegrationView.Of(db, i, ct);
    }

    async Task<InvalidRefusal?> Problem(ServerIntegrationRequest request, CancellationToken ct)
    {
        // JSON numbers still bind (for older clients), and any number binds: refuse those that name nothing.
        if (!Enum.IsDefined(request.AuthKind))
            return Outcome.Invalid("authKind", $"Unknown authKind; use one of {string.Join(", ", Enum.GetNames<ConfluenceAuthKind>())}.");
        if (!Enum.IsDefined(request.ApiProfile))
            return Outcome.Invalid("apiProfile", $"Unknown apiProfile; use one of {string.Join(", ", Enum.GetNames<ConfluenceApiProfile>())}.");
        if (request.AuthKind == ConfluenceAuthKind.CloudOAuth)
            return Outcome.Invalid("authKind", "Cloud OAuth integrations are connected with POST cloud/connect.");
        if (request.AuthKind.Product() == ConfluenceProduct.DataCenter && request.ApiProfile != ConfluenceApiProfile.V1)
            return Outcome.Invalid("apiProfile", "Data Center has no v2 API: use the V1 profile with Server credentials.");
        if (await NetworkRules.BaseUrlProblem(request.BaseUrl, options.Value, ct) is { } urlProblem)
            return Outcome.Invalid("baseUrl", urlProblem);
        if (string.IsNullOrWhiteSpace(request.Secret) || string.IsNullOrWhiteSpace(request.SpaceKey)
            || (request.AuthKind != ConfluenceAuthKind.ServerPersonalAccessToken && string.IsNullOrWhiteSpace(request.Username)))
            return Outcome.Invalid("credentials", "A username (except for personal access tokens), a secret and a space key are required.");
        return null;
    }

    /// <summary>A wrong token can act as anonymous on Data Center: the account check catches that; the space lookup proves access.</summary>
    async Task<InvalidRefusal?> LiveProblem(Guid tenantId, ServerIntegrationRequest request, CancellationToken ct)
    {
        ConfluenceCredentials credentials = request.AuthKind == ConfluenceAuthKind.ServerPersonalAccessToken
            ? new BearerCredentials(request.Secret)
            : new BasicCredentials(request.Username!, request.Secret);
        try
        {
            var site = new ConfluenceSite(tenantId, new Uri(request.BaseUrl), credentials, request.AuthKind.Product(), request.ApiProfile);
            if (request.ApiProfile == ConfluenceApiProfile.V1 && !await confluence.ActsAsKnownUser(site, ct))
                return Outcome.Invalid("credentials", "Confluence accepted these credentials only as the anonymous user: the token or password is wrong.");
            if (await confluence.FindSpace(site, request.SpaceKey, ct) is null)
                return Outcome.Invalid("spaceKey", $"Space '{request.SpaceKey}' was not found, or these credentials cannot see it.");
            return null;
        }
        catch (PublicationFailedException e)
        {
            return Outcome.Invalid("credentials", e.Message);
        }
    }
}
