using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Messaging;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>Bound from "Publication:Sweeper".</summary>
public sealed class SweeperOptions
{
    public const string Section = "Publication:Sweeper";

    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>
    /// Longer than a step's whole message retry (about 2 minutes by default), so live steps are left alone. Step consumers
    /// renew their heartbeat every third of it while they work.
    /// </summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(15);
    public int BatchSize { get; set; } = 100;
}

/// <summary>
/// The in-memory outbox is not transactional: a crash after the saga row is saved but before its command is sent
/// leaves a publication waiting forever. This sweeper asks the saga to send the current step's command again for
/// publications that have not moved for <see cref="SweeperOptions.StuckAfter"/>. A step a consumer still holds (its
/// heartbeat, <see cref="Steps.StepLease"/>, is newer than StuckAfter) is left alone however long it takes, so a slow
/// step (a huge PDF) is never queued again behind itself. Steps are idempotent, and the saga ignores a late duplicate
/// result, so a redrive of a step whose consumer died costs calls, never a duplicate.
/// </summary>
public sealed class StuckPublicationSweeper(IServiceScopeFactory scopes, IOptions<SweeperOptions> options, TimeProvider clock,
    ILogger<StuckPublicationSweeper> logger) : PeriodicBackgroundService(clock, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override bool Enabled => options.Value.Enabled;

    /// <summary>One batch a tick: the rows it redrove look stuck until the saga takes their redrive.</summary>
    protected override async Task<bool> RunOnce(CancellationToken ct)
    {
        await SweepOnce(ct);
        return false;
    }

    /// <returns>How many publications were redriven.</returns>
    public async Task<int> SweepOnce(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        var cutoff = Clock.GetUtcNow() - options.Value.StuckAfter;
        var stuck = await db.Publications.AsNoTracking()
            .Where(p => PublicationStates.InStep.Contains(p.CurrentState) && p.UpdatedAt < cutoff && (p.StepHeartbeatAt == null || p.StepHeartbeatAt < cutoff))
            .OrderBy(p => p.UpdatedAt)
            .Select(p => p.CorrelationId)
            .Take(options.Value.BatchSize)
            .ToListAsync(ct);

        var bus = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        foreach (var id in stuck)
            await bus.Publish(new RedrivePublication(id), c => c.InFlightPriority(), ct);
        if (stuck.Count > 0)
            logger.LogInformation("Redrove {Count} publications stuck in a step since before {Cutoff}", stuck.Count, cutoff);
        return stuck.Count;
    }
}
