using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace TeamRetro.Confluence.Publishing.Persistence.Outbox;

/// <summary>
/// Deletes delivered outbox rows off the saga's path, up to <see cref="BatchSize"/> in one statement, so a saga message
/// pays no round trip of its own for the cleanup (the load driver counted one per message before). A row whose delete
/// never happens (a crash, a statement failed twice, a full buffer, a stop that ran out of time) or comes later than
/// RelayAfter after the row was written (a delete backlog) is delivered again by <see cref="OutboxRelay"/>: a
/// duplicate, which every step and the saga take as a no-op.
/// </summary>
public sealed class DeliveredOutboxCleanup : IHostedService
{
    public const int BatchSize = 500;
    static readonly TimeSpan RetryAfter = TimeSpan.FromMilliseconds(500);
    readonly Channel<Guid> delivered = Channel.CreateBounded<Guid>(
        new BoundedChannelOptions(20_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    readonly IServiceScopeFactory scopes;
    readonly ILogger<DeliveredOutboxCleanup> logger;
    readonly Lazy<Task> deleting;
    long dropped;

    public DeliveredOutboxCleanup(IServiceScopeFactory scopes, ILogger<DeliveredOutboxCleanup> logger)
    {
        this.scopes = scopes;
        this.logger = logger;
        deleting = new Lazy<Task>(() => Task.Run(DeleteAsDelivered)); // started by the first delivery, hosted or not
    }

    public void Delivered(IEnumerable<Guid> ids)
    {
        _ = deleting.Value;
        foreach (var id in ids)
        {
            if (!delivered.Writer.TryWrite(id))
                Interlocked.Increment(ref dropped);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deletes what was delivered before the host stopped; a delivery after this is left to the relay.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        delivered.Writer.TryComplete();
        if (deleting.IsValueCreated)
            await deleting.Value.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (delivered.Reader.Count > 0)
            logger.LogInformation("{Count} delivered outbox messages were not deleted before the worker stopped; the relay delivers them again",
                delivered.Reader.Count);
    }

    async Task DeleteAsDelivered()
    {
        var batch = new List<Guid>(BatchSize);
        while (await delivered.Reader.WaitToReadAsync())
        {
            while (batch.Count < BatchSize && delivered.Reader.TryRead(out var id))
                batch.Add(id);
            // A second try after a moment rides out a blip; after that the rows are the relay's.
            if (!await TryDelete(batch, lastTry: false))
            {
                await Task.Delay(RetryAfter);
                await TryDelete(batch, lastTry: true);
            }

            batch.Clear();
            if (Interlocked.Exchange(ref dropped, 0) is > 0 and var lost)
                logger.LogWarning("{Count} delivered outbox messages found the delete buffer full; the relay delivers them again", lost);
        }
    }

    async Task<bool> TryDelete(List<Guid> batch, bool lastTry)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
            await db.Set<OutboxMessage>().Where(m => batch.Contains(m.Id)).ExecuteDeleteAsync();
            return true;
        }
        catch (Exception ex)
        {
            if (lastTry)
                logger.LogWarning(ex, "Deleting {Count} delivered outbox messages failed; the relay delivers them again", batch.Count);
            return false;
        }
    }
}
