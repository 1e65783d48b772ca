using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Api.Integrations;

/// <summary>The newest failure still waiting for an admin: which publication, which step, and why.</summary>
public sealed record IntegrationFailure(Guid PublicationId, string? Step, string? Error, DateTimeOffset At);

/// <summary>What the integration has done lately, read from the tenant's publications.</summary>
public sealed record IntegrationActivity(DateTimeOffset? LastPublishedAt, int FailedCount, IntegrationFailure? LastFailure)
{
    public static async Task<IntegrationActivity> Of(PublicationDbContext db, Guid tenantId, CancellationToken ct)
    {
        var mine = db.Publications.AsNoTracking().Where(p => p.TenantId == tenantId);
        var lastPublished = await mine.Where(p => p.PublishedAt != null)
            .OrderByDescending(p => p.PublishedAt).Select(p => p.PublishedAt).FirstOrDefaultAsync(ct);
        var failed = mine.Where(p => p.CurrentState == PublicationStates.Failed);
        var lastFailure = await failed.OrderByDescending(p => p.UpdatedAt)
            .Select(p => new IntegrationFailure(p.CorrelationId, p.FailedStep, p.LastError, p.UpdatedAt)).FirstOrDefaultAsync(ct);
        return new IntegrationActivity(lastPublished, await failed.CountAsync(ct), lastFailure);
    }
}
