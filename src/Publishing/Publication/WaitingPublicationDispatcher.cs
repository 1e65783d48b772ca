using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Messaging;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>
/// Resumes waiting publications when they are due: every <see cref="WaitingOptions.DispatchInterval"/>, the due ones,
/// oldest due first, get a <see cref="ResumePublication"/> naming the wait it ends. The saga row is the schedule, so a
/// wait survives restarts and holds no message, consumer or thread; any worker may dispatch, and a duplicate from
/// another worker is ignored by the saga. Each dispatched row is pushed back by <see cref="WaitingOptions.DispatchLease"/>
/// so it is not dispatched again while its resume is on the way, and is dispatched again if the resume was lost.
/// </summary>
public sealed class WaitingPublicationDispatcher(IServiceScopeFactory scopes, IOptions<WaitingOptions> options, TimeProvider clock,
    ILogger<WaitingPublicationDispatcher> logger) : PeriodicBackgroundService(clock, logger)
{
    protected override TimeSpan Interval => options.Value.DispatchInterval;

    protected override async Task<bool> RunOnce(CancellationToken ct) => await DispatchDue(ct) == options.Value.DispatchBatchSize;

    /// <returns>How many publications were resumed.</returns>
    public async Task<int> DispatchDue(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        var now = Clock.GetUtcNow();
        var due = await db.Publications.AsNoTracking()
            .Where(p => p.CurrentState == PublicationStates.Waiting && p.NextAttemptAt <= now)
            .OrderBy(p => p.NextAttemptAt)
            .Select(p => new { p.CorrelationId, p.WaitAttempts })
            .Take(options.Value.DispatchBatchSize)
            .ToListAsync(ct);
        if (due.Count == 0)
            return 0;

        var ids = due.Select(d => d.CorrelationId).ToList();
        var leaseEnd = now + options.Value.DispatchLease;
        await db.Publications
            .Where(p => ids.Contains(p.CorrelationId) && p.CurrentState == PublicationStates.Waiting && p.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.NextAttemptAt, leaseEnd), ct);

        var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        foreach (var publication in due)
            await bus.Publish(new ResumePublication(publication.CorrelationId, publication.WaitAttempts), c => c.InFlightPriority(), ct);
        logger.LogDebug("Resumed {Count} waiting publications", due.Count);
        return due.Count;
    }
}
