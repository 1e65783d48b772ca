using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Api.Outcomes;
using TeamRetro.Confluence.Publishing.Atlassian;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Api.Integrations;

/// <summary>Connecting Confluence Cloud through OAuth: start consent, complete it (same admin, same tenant), pick the site.</summary>
public sealed class CloudConnection(IntegrationAccess access, CurrentAdmin admin, CloudConnect connect, CloudConnectState states, PublicationDbContext db)
{
    /// <summary>The authorize URL; its state is encrypted, names the tenant and the admin, and expires in 10 minutes.</summary>
    public Outcome<CloudConnectStarted> Start(Guid tenantId, ConfluenceApiProfile profile)
    {
        if (!access.Allows(tenantId))
            return Outcome.NotFound;
        var state = states.Protect(tenantId, admin.Subject, profile);
        return new CloudConnectStarted(connect.AuthorizeUrl(profile, state).AbsoluteUri);
    }

    /// <summary>Stores the consent's tokens and answers the sites it can reach.</summary>
    public async Task<Outcome<IReadOnlyList<AccessibleSite>>> Complete(Guid tenantId, string code, string state, CancellationToken ct)
    {
        if (!access.Allows(tenantId))
            return Outcome.NotFound;
        if (states.Parts(state) is not { } parts)
            return Outcome.Invalid("state", "The connect request expired or was not started here; start it again.");
        if (parts.Length != 3 || parts[0] != tenantId.ToString() || parts[1] != admin.Subject)
            return Outcome.Invalid("state", "The connect request was started by another admin or for another tenant.");
        try
        {
            return Outcome.Ok(await connect.CompleteConsent(tenantId, code, Enum.Parse<ConfluenceApiProfile>(parts[2]), ct));
        }
        catch (PublicationFailedException e)
        {
            return Outcome.Invalid("code", e.Message);
        }
    }

    /// <summary>Only a site this consent's accessible resources list, and a space that exists on it (security review F11).</summary>
    public async Task<Outcome<Done>> SelectSite(Guid tenantId, CloudSiteRequest request, CancellationToken ct)
    {
        if (!access.Allows(tenantId))
            return Outcome.NotFound;
        if (!CloudConnect.IsWellFormedCloudId(request.CloudId))
            return Outcome.Invalid("cloudId", "The cloud id must be a site id from the connect answer (letters, digits and dashes).");
        if (!await db.Integrations.AnyAsync(i => i.TenantId == tenantId && i.AuthKind == ConfluenceAuthKind.CloudOAuth, ct))
            return Outcome.NotFound;
        return await connect.SelectSite(tenantId, request.CloudId, request.SpaceKey, ct) is { } problem
            ? Outcome.Invalid(problem.Field, problem.Problem)
            : Outcome.Done;
    }
}
