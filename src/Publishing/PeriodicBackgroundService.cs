namespace TeamRetro.Confluence.Publishing;

/// <summary>
/// Work a worker does on a timer (the sweeper, the waiting dispatcher, the outbox relay): a failed round is logged and
/// the next tick tries again; a round that says more is waiting runs again at once.
/// </summary>
public abstract class PeriodicBackgroundService(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Interval { get; }

    protected virtual bool Enabled => true;

    /// <returns>True when more is waiting than one round takes.</returns>
    protected abstract Task<bool> RunOnce(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
            return;
        using var timer = new PeriodicTimer(Interval, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await RunOnce(stoppingToken))
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "{Work} failed; trying again in {Interval}", GetType().Name, Interval);
            }
        }
    }
}
