using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Api.Publications;

public static class PublicationVisibility
{
    /// <summary>The publications this admin may see, read-only: an operator every tenant's, a tenant admin its own tenant's.</summary>
    public static IQueryable<ReportPublication> VisibleTo(this PublicationDbContext db, CurrentAdmin admin)
    {
        var all = db.Publications.AsNoTracking();
        if (admin.IsOperator)
            return all;
        var tenant = admin.TenantId ?? Guid.Empty;
        return all.Where(p => p.TenantId == tenant);
    }
}
