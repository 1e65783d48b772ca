using MassTransit;
using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Messaging;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>
/// An admin's "retry now" for publications waiting on Confluence: the site's shared pause ends at once (the next call
/// probes it, and a good answer wakes everything else waiting on it), and the publication runs its step again.
/// </summary>
public sealed class RetryWaitingPublications(PublicationDbContext db, ISiteBackoffStore pauses, IPublishEndpoint bus, TimeProvider clock)
{
    /// <returns>False when the publication is not waiting (there is nothing to retry now).</returns>
    public async Task<bool> Publication(Guid publicationId, CancellationToken ct)
    {
        var waiting = await db.Publications.AsNoTracking()
            .Where(p => p.CorrelationId == publicationId && p.CurrentState == PublicationStates.Waiting)
            .Select(p => new { p.WaitingOnSite })
            .SingleOrDefaultAsync(ct);
        if (waiting is null)
            return false;
        if (waiting.WaitingOnSite is { } site)
            await pauses.ProbeNow(site, ct);
        await bus.Publish(new ResumePublication(publicationId, Attempt: null), c => c.InFlightPriority(), ct);
        return true;
    }

    /// <summary>Every waiting publication of the tenant: due at once, oldest first, through the workers' dispatcher.</summary>
    /// <returns>How many were waiting.</returns>
    public async Task<int> Tenant(Guid tenantId, CancellationToken ct)
    {
        var mine = db.Publications.Where(p => p.TenantId == tenantId && p.CurrentState == PublicationStates.Waiting);
        foreach (var site in await mine.Where(p => p.WaitingOnSite != null).Select(p => p.WaitingOnSite!).Distinct().ToListAsync(ct))
            await pauses.ProbeNow(site, ct);
        var now = clock.GetUtcNow();
        return await mine.ExecuteUpdateAsync(s => s.SetProperty(p => p.NextAttemptAt, p => p.WaitingSince ?? now), ct);
    }
}
