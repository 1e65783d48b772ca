using System.Diagnostics;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>
/// A time budget checked from inside a render loop: no timer, no thread interrupted. <see cref="Check"/> throws
/// <see cref="TimeoutException"/> once the budget is spent (at once for a zero budget), and
/// <see cref="OperationCanceledException"/> when the caller gives up (shutdown).
/// </summary>
internal sealed class RenderDeadline(TimeSpan budget, CancellationToken cancellation = default)
{
    readonly long start = Stopwatch.GetTimestamp();

    public static RenderDeadline None { get; } = new(Timeout.InfiniteTimeSpan);

    public TimeSpan Budget => budget;

    public void Check()
    {
        cancellation.ThrowIfCancellationRequested();
        if (budget != Timeout.InfiniteTimeSpan && Stopwatch.GetElapsedTime(start) >= budget)
            throw new TimeoutException($"The render took longer than its budget of {budget}.");
    }
}
