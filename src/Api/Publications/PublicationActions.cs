using MassTransit;
using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Api.Outcomes;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Messaging;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Api.Publications;

/// <summary>Replays and cancels publications the signed-in admin may see; the saga does the rest.</summary>
public sealed class PublicationActions(PublicationDbContext db, CurrentAdmin admin, IPublishEndpoint bus, RetryWaitingPublications waiting)
{
    const int ReplayBatch = 100;

    public static bool CanReplay(string state) => state == PublicationStates.Failed;

    /// <summary>A published or cancelled publication has nothing left to stop.</summary>
    public static bool CanCancel(string state) => state is not (PublicationStates.Published or PublicationStates.Cancelled);

    /// <summary>Only a Failed publication. Two clicks are one replay: the saga ignores a replay once it runs again.</summary>
    public async Task<Outcome<Done>> Replay(Guid id, CancellationToken ct)
    {
        var p = await db.VisibleTo(admin).SingleOrDefaultAsync(x => x.CorrelationId == id, ct);
        if (p is null)
            return Outcome.NotFound;
        if (!CanReplay(p.CurrentState))
            return Outcome.Conflict($"Only failed publications can be replayed; this one is {p.CurrentState}.");
        if (p.PurgedAt is { } purged)
            return Outcome.Conflict(SnapshotPurged(purged));
        await bus.Publish(new ReplayPublication(id), c => c.InFlightPriority(), ct);
        return Outcome.Done;
    }

    static string SnapshotPurged(DateTimeOffset purgedAt) =>
        $"This publication's meeting snapshot was purged on {purgedAt:yyyy-MM-dd} (retention, Publication:Retention:SnapshotsFor), so it "
        + "cannot be replayed. Send the meeting again from the retro service: it is published on the same page.";

    public static bool CanRetryNow(string state) => state == PublicationStates.Waiting;

    /// <summary>A publication waiting on Confluence runs its step now instead of at its next attempt (its site is probed).</summary>
    public async Task<Outcome<Done>> RetryNow(Guid id, CancellationToken ct)
    {
        var p = await db.VisibleTo(admin).SingleOrDefaultAsync(x => x.CorrelationId == id, ct);
        if (p is null)
            return Outcome.NotFound;
        if (!CanRetryNow(p.CurrentState) || !await waiting.Publication(id, ct))
            return Outcome.Conflict($"Only publications waiting on Confluence can be retried now; this one is {p.CurrentState}.");
        return Outcome.Done;
    }

    /// <summary>Every publication of the tenant waiting on Confluence, now, oldest first (its sites are probed).</summary>
    public async Task<Outcome<RetryNowResult>> RetryNowForTenant(Guid tenantId, CancellationToken ct) =>
        admin.CanAct(tenantId) ? new RetryNowResult(await waiting.Tenant(tenantId, ct)) : Outcome.NotFound;

    /// <summary>Stops a running or failed publication; a published one has nothing left to stop.</summary>
    public async Task<Outcome<Done>> Cancel(Guid id, CancellationToken ct)
    {
        var p = await db.VisibleTo(admin).SingleOrDefaultAsync(x => x.CorrelationId == id, ct);
        if (p is null)
            return Outcome.NotFound;
        if (!CanCancel(p.CurrentState))
            return Outcome.Conflict($"Only running or failed publications can be cancelled; this one is {p.CurrentState}.");
        await bus.Publish(new CancelPublication(id, admin.Subject), c => c.InFlightPriority(), ct);
        return Outcome.Done;
    }

    /// <summary>Replays every failed publication matching the filter (its state is ignored) whose snapshot is kept, at most 100 per call.</summary>
    public async Task<BulkReplayResult> ReplayMatching(PublicationFilter filter, CancellationToken ct)
    {
        var ids = await (filter with { State = PublicationStates.Failed }).Apply(db.VisibleTo(admin)).Where(p => p.PurgedAt == null)
            .OrderBy(p => p.CorrelationId).Select(p => p.CorrelationId).Take(ReplayBatch + 1).ToListAsync(ct);
        foreach (var id in ids.Take(ReplayBatch))
            await bus.Publish(new ReplayPublication(id), c => c.InFlightPriority(), ct);
        return new BulkReplayResult(Math.Min(ids.Count, ReplayBatch), ids.Count > ReplayBatch);
    }
}
