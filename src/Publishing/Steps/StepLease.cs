using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Publishing.Steps;

/// <summary>
/// A step consumer says it still holds its publication's step: it writes <see cref="ReportPublication.StepHeartbeatAt"/>
/// every third of <see cref="SweeperOptions.StuckAfter"/> while it works (a large PDF can take longer than that), and
/// <see cref="StuckPublicationSweeper"/> redrives only steps whose saga row and last heartbeat are both older than
/// StuckAfter, so a slow step is never queued a second time. A step that starts within that third of the saga's last
/// change (its command did not wait long in the queue) writes no heartbeat at start: the sweeper cannot reach it before
/// its first beat, which comes a third after the saga's last change, and the write would be one more database round
/// trip per step. The heartbeat is one column written with its own UPDATE:
/// it does not touch the saga's concurrency version, and the saga never writes it.
/// </summary>
public sealed class StepLease(IServiceScopeFactory scopes, IOptions<SweeperOptions> sweeper, TimeProvider clock, ILogger<StepLease> logger)
{
    /// <summary>Holds the step of <paramref name="saga"/> (as the step read it) until the result is disposed.</summary>
    public async Task<IAsyncDisposable> Hold(ReportPublication saga, CancellationToken ct)
    {
        var interval = sweeper.Value.StuckAfter / 3;
        var age = clock.GetUtcNow() - saga.UpdatedAt;
        if (age >= interval)
            await Beat(saga.CorrelationId, ct);
        // Beats keep a third of StuckAfter from the sweeper's reach: the first one a third after the saga's last change.
        var first = age >= interval || age < TimeSpan.Zero ? interval : interval - age;
        return new Held(this, saga.CorrelationId, first, interval);
    }

    async Task Beat(Guid publicationId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        DateTimeOffset? now = clock.GetUtcNow();
        await db.Publications.Where(p => p.CorrelationId == publicationId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.StepHeartbeatAt, now), ct);
    }

    async Task Beating(Guid publicationId, TimeSpan first, TimeSpan interval, CancellationToken stop)
    {
        try
        {
            await Task.Delay(first, clock, stop);
            await TryBeat(publicationId, stop);
            using var timer = new PeriodicTimer(interval, clock);
            while (await timer.WaitForNextTickAsync(stop))
                await TryBeat(publicationId, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }

    async Task TryBeat(Guid publicationId, CancellationToken stop)
    {
        try
        {
            await Beat(publicationId, stop);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A missed beat is not the step's failure: at worst the sweeper redrives it, which the steps tolerate.
            logger.LogWarning(ex, "Could not record that publication {PublicationId}'s step is still running", publicationId);
        }
    }

    sealed class Held : IAsyncDisposable
    {
        readonly CancellationTokenSource stop = new();
        readonly Task beating;

        public Held(StepLease lease, Guid publicationId, TimeSpan first, TimeSpan interval) =>
            beating = lease.Beating(publicationId, first, interval, stop.Token);

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await beating;
            stop.Dispose();
        }
    }
}
