using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Publishing.Retention;

/// <summary>
/// Clears the meeting snapshot, the pending version and the step history of publications settled longer than
/// <see cref="RetentionOptions.SnapshotsFor"/>, in batches, and stamps <see cref="ReportPublication.PurgedAt"/>. The row
/// stays: its page id, attachment id and hashes keep a redelivered meeting on the same page (an identical one is still
/// a no-op; a changed one publishes a new snapshot). A purged failed publication can no longer be replayed.
/// </summary>
public sealed class SnapshotRetentionPurge(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider clock,
    ILogger<SnapshotRetentionPurge> logger) : PeriodicBackgroundService(clock, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override bool Enabled => options.Value.Enabled;

    protected override async Task<bool> RunOnce(CancellationToken ct) => await PurgeOnce(ct) == options.Value.BatchSize;

    /// <returns>How many publications were purged (at most one batch).</returns>
    public async Task<int> PurgeOnce(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        var now = Clock.GetUtcNow();
        var cutoff = now - options.Value.SnapshotsFor;
        var due = db.Publications.Where(p => p.PurgedAt == null && PublicationStates.Settled.Contains(p.CurrentState) && p.UpdatedAt < cutoff);
        // Oldest first: the order is what makes every database walk the (PurgedAt, UpdatedAt) index from its unpurged end
        // (without it PostgreSQL estimates that most rows are due and scans the table).
        var ids = await due.OrderBy(p => p.UpdatedAt).Select(p => p.CorrelationId).Take(options.Value.BatchSize).ToListAsync(ct);
        if (ids.Count == 0)
            return 0;

        // Conditions again, and Version + 1: a saga that loaded one of these rows meanwhile gets a concurrency conflict
        // and runs again on the purged row, instead of writing its old snapshot back over the purge.
        var purged = await due.Where(p => ids.Contains(p.CorrelationId)).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.MeetingJson, "")
            .SetProperty(p => p.PendingMeetingJson, (string?)null)
            .SetProperty(p => p.History, (string?)null)
            .SetProperty(p => p.PurgedAt, now)
            .SetProperty(p => p.Version, p => p.Version + 1), ct);
        logger.LogInformation("Purged the snapshots and histories of {Count} publications settled before {Cutoff}", purged, cutoff);
        return ids.Count;
    }
}
