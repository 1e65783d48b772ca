using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Publishing.Retention;

/// <summary>
/// Deletes every publication of one tenant (snapshots, history, page and attachment ids), on request when its integration
/// is deleted. Batches keep each statement short on a large tenant. Outbox rows carry no tenant or publication column and
/// are delivered within seconds, so they are left: a step command of a deleted publication faults as one for an unknown
/// publication. Site pauses are per Confluence site, not per tenant, and stay.
/// </summary>
public static class TenantDataPurge
{
    public const int BatchSize = 1000;

    /// <returns>How many publications were deleted.</returns>
    public static async Task<int> DeleteTenantPublications(this PublicationDbContext db, Guid tenantId, CancellationToken ct)
    {
        var deleted = 0;
        while (true)
        {
            var ids = await db.Publications.Where(p => p.TenantId == tenantId).Select(p => p.CorrelationId).Take(BatchSize).ToListAsync(ct);
            if (ids.Count == 0)
                return deleted;
            deleted += await db.Publications.Where(p => p.TenantId == tenantId && ids.Contains(p.CorrelationId)).ExecuteDeleteAsync(ct);
        }
    }
}
