using System.Diagnostics;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Publishing.Telemetry;

namespace TeamRetro.Confluence.Publishing.Persistence.Outbox;

/// <summary>Bound from "Publication:Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Publication:Outbox";

    /// <summary>How often a worker looks for messages whose delivery right after the commit did not happen (a crash).</summary>
    public TimeSpan RelayInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>A message younger than this is left to the saga that wrote it, which delivers it right after its commit.</summary>
    public TimeSpan RelayAfter { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>How long one worker's claim on a message excludes the others'.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);
    public int BatchSize { get; set; } = 100;
}

/// <summary>
/// Delivers the saga's outbox: at once after each commit (<see cref="DeliverCommitted"/>), and, for what a crash left
/// behind, every <see cref="OutboxOptions.RelayInterval"/> on any worker. A message may then be delivered twice (a crash
/// after the send, before the delete): every step and the saga take a duplicate as a no-op.
/// </summary>
public sealed class OutboxRelay(IServiceScopeFactory scopes, IBus bus, DeliveredOutboxCleanup cleanup, IOptions<OutboxOptions> options,
    TimeProvider clock, ILogger<OutboxRelay> logger) : PeriodicBackgroundService(clock, logger)
{
    /// <summary>
    /// Right after the saga's commit: sends what it just stored, then has it deleted (<see cref="DeliveredOutboxCleanup"/>);
    /// a failure leaves it to the relay.
    /// </summary>
    public async Task DeliverCommitted(IReadOnlyList<OutboxMessage> committed, CancellationToken ct)
    {
        try
        {
            foreach (var message in committed)
                await Deliver(message, message.Message!, message.Message!.GetType(), ct);
            cleanup.Delivered(committed.Select(m => m.Id));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Delivering {Count} outbox messages after the commit failed; the relay delivers them", committed.Count);
        }
    }

    protected override TimeSpan Interval => options.Value.RelayInterval;

    protected override async Task<bool> RunOnce(CancellationToken ct) => await RelayStale(ct) == options.Value.BatchSize;

    /// <returns>How many messages left behind were delivered.</returns>
    public async Task<int> RelayStale(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        var now = Clock.GetUtcNow();
        var before = now - options.Value.RelayAfter;
        var stale = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.CreatedAt < before && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.CreatedAt)
            .Take(options.Value.BatchSize)
            .ToListAsync(ct);
        var delivered = 0;
        foreach (var message in stale)
        {
            // Claimed one by one, so two workers' relays never both deliver it.
            var claimed = await db.Set<OutboxMessage>()
                .Where(m => m.Id == message.Id && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, now + options.Value.Lease), ct);
            if (claimed == 0)
                continue;
            object body;
            Type type;
            try
            {
                (body, type) = PublicationOutbox.Read(message);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or TypeLoadException or ArgumentException or NotSupportedException)
            {
                // One unreadable row (a contract renamed under it) must not hold back the ones behind it: it stays, claimed
                // for a lease at a time, and says why each time.
                logger.LogError(ex, "Outbox message {Id} ({Type}) cannot be read back; it stays in the outbox", message.Id, message.MessageType);
                continue;
            }

            using (var activity = message.TraceParent is null ? null
                       : PublicationTelemetry.Source.StartActivity("outbox relay", ActivityKind.Producer, message.TraceParent))
                await Deliver(message, body, type, ct);
            await db.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteDeleteAsync(ct);
            delivered++;
        }

        if (delivered > 0)
            logger.LogInformation("Relayed {Count} outbox messages a worker had stored but not delivered", delivered);
        return delivered;
    }

    async Task Deliver(OutboxMessage stored, object message, Type type, CancellationToken ct)
    {
        if (stored.Destination is { } destination)
        {
            var endpoint = await bus.GetSendEndpoint(new Uri(destination));
            await endpoint.Send(message, type, ct);
        }
        else
        {
            await bus.Publish(message, type, ct);
        }
    }
}
