using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace TeamRetro.Confluence.Publishing.Persistence.Outbox;

/// <summary>
/// Deletes delivered outbox rows off the saga's path, up to <see cref="BatchSize"/> in one statement, so a saga message
/// pays no round trip of its own for the cleanup (the load driver counted one per message before). A row whose delete
/// never happens (a crash, a failed statement, a full buffer) is delivered again by <see cref="OutboxRelay"/> after
/// RelayAfter: a duplicate, which every step and the saga take as a no-op.
/// </summary>
public sealed class DeliveredOutboxCleanup : IHostedService
{
    public const int BatchSize = 500;
    readonly Channel<Guid> delivered = Channel.CreateBounded<Guid>(
        new BoundedChannelOptions(20_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    readonly IServiceScopeFactory scopes;
    readonly ILogger<DeliveredOutboxCleanup> logger;
    readonly Lazy<Task> deleting;

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
            delivered.Writer.TryWrite(id);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deletes what was delivered before the host stopped; a delivery after this is left to the relay.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        delivered.Writer.TryComplete();
        if (deleting.IsValueCreated)
            await deleting.Value.WaitAsync(cancellationToken);
    }

    async Task DeleteAsDelivered()
    {
        var batch = new List<Guid>(BatchSize);
        while (await delivered.Reader.WaitToReadAsync())
        {
            while (batch.Count < BatchSize && delivered.Reader.TryRead(out var id))
                batch.Add(id);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
                await db.Set<OutboxMessage>().Where(m => batch.Contains(m.Id)).ExecuteDeleteAsync();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Deleting {Count} delivered outbox messages failed; the relay delivers them again", batch.Count);
            }

            batch.Clear();
        }
    }
}
