using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Api.Integrations;

/// <summary>
/// The one access check of every integration use case. A caller who may not act for the tenant is answered like a
/// missing integration (404, never 403), so tenant ids do not leak.
/// </summary>
public sealed class IntegrationAccess(CurrentAdmin admin, PublicationDbContext db)
{
    public bool Allows(Guid tenantId) => admin.CanAct(tenantId);

    /// <summary>The tenant's integration, tracked for changes, when this admin may act for the tenant; null otherwise.</summary>
    public async Task<ConfluenceIntegration?> Find(Guid tenantId, CancellationToken ct) =>
        Allows(tenantId) ? await db.Integrations.SingleOrDefaultAsync(i => i.TenantId == tenantId, ct) : null;
}
