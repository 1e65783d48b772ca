using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Api.Outcomes;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Retention;

namespace TeamRetro.Confluence.Api.Integrations;

/// <summary>A tenant's integration as a whole: read it, switch it on or off, forget it.</summary>
public sealed class TenantIntegrations(IntegrationAccess access, PublicationDbContext db, TimeProvider clock)
{
    public async Task<Outcome<IntegrationView>> Get(Guid tenantId, CancellationToken ct) =>
        await access.Find(tenantId, ct) is { } i ? await IntegrationView.Of(db, i, ct) : Outcome.NotFound;

    /// <summary>A disabled integration fails its publications with that reason; they can be replayed once it is enabled.</summary>
    public async Task<Outcome<IntegrationView>> SetEnabled(Guid tenantId, bool enabled, CancellationToken ct)
    {
        var i = await access.Find(tenantId, ct);
        if (i is null)
            return Outcome.NotFound;
        i.Enabled = enabled;
        i.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return await IntegrationView.Of(db, i, ct);
    }

    /// <summary>Removes the connection and its secrets. Publications stay listed; new ones fail until an integration exists again.</summary>
    public async Task<Outcome<Done>> Delete(Guid tenantId, CancellationToken ct)
    {
        if (!access.Allows(tenantId))
            return Outcome.NotFound;
        var removed = await db.Integrations.Where(i => i.TenantId == tenantId).ExecuteDeleteAsync(ct);
        return removed == 0 ? Outcome.NotFound : Outcome.Done;
    }

    /// <summary>
    /// Removes the connection and every publication of the tenant (their snapshots, histories, page ids). The pages in
    /// Confluence stay. Also for a tenant whose integration is already gone; a meeting sent later starts a new publication.
    /// </summary>
    public async Task<Outcome<TenantDataDeleted>> DeleteWithData(Guid tenantId, CancellationToken ct)
    {
        if (!access.Allows(tenantId))
            return Outcome.NotFound;
        var removed = await db.Integrations.Where(i => i.TenantId == tenantId).ExecuteDeleteAsync(ct);
        var publications = await db.DeleteTenantPublications(tenantId, ct);
        return new TenantDataDeleted(removed > 0, publications);
    }
}
