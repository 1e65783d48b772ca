using System.Diagnostics;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Tests.Shared;
using Xunit.Abstractions;

namespace TeamRetro.Confluence.Integration.Tests.Faults;

/// <summary>
/// Confluence outages and quotas as long as real ones, 200 meetings in flight, real RabbitMQ and PostgreSQL, workers as
/// OS processes. The workers' waiting time is compressed by configuration (a minute of waiting is 0.6 s), never slept
/// through by the test. Each ends with the suite's verdict, reached with no admin action; the sweeper is off, so
/// nothing heals by a sweep. Figures go to the test output (docs/performance.md, "Waiting on Confluence").
/// </summary>
[Collection(DisruptiveCollection.Name)]
public sealed class DurableWaitingTests(ITestOutputHelper output)
{
    const int MeetingCount = 200;
    static readonly TimeSpan Settle = TimeSpan.FromMinutes(4);

    static async Task<FaultPipeline> Start(double timeScale, EmulatorOptions? emulator = null)
    {
        var pipeline = await FaultPipeline.StartAsync(emulator);
        pipeline.ExtraWorkerSettings["Publication:Waiting:TimeScale"] = timeScale.ToString(System.Globalization.CultureInfo.InvariantCulture);
        pipeline.ExtraWorkerSettings["Publication:Waiting:DispatchInterval"] = "00:00:00.200";
        pipeline.ExtraWorkerSettings["Publication:Sweeper:StuckAfter"] = "01:00:00";
        return pipeline;
    }

    [Fact]
    public async Task A_ten_minute_outage_is_waited_out_and_every_meeting_publishes_once_with_a_few_calls_and_no_delivery_held()
    {
        await using var pipeline = await Start(timeScale: 0.01);
        await pipeline.StartWorker();
        var meetings = pipeline.Meetings(MeetingCount);
        pipeline.Emulator.Faults.Window(TimeSpan.FromMinutes(10) * 0.01, 503);

        await pipeline.Publish(meetings);

        // Waiting holds no delivery: once the work in flight is done, nothing is unacknowledged while publications wait.
        await pipeline.WaitForCount(meetings, PublicationStates.Waiting, MeetingCount / 4, Settle);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        (int Waiting, int Held) seen;
        while (true)
        {
            seen = ((await PublicationStore.All(pipeline.Services)).Count(p => p.CurrentState == PublicationStates.Waiting),
                (await pipeline.Rabbit.Unacknowledged()).Values.Sum());
            if (seen is { Held: 0, Waiting: > 0 } || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(100);
        }
        Assert.True(seen is { Held: 0, Waiting: > 0 }, $"{seen.Held} deliveries unacknowledged while {seen.Waiting} publications wait");
        await pipeline.AssertEachPublishedExactlyOnce(meetings, Settle);
        var allPublished = DateTimeOffset.UtcNow;

        await AssertNeverFailed(pipeline);
        var refused = pipeline.Emulator.Requests.All.Count(r => r.Status == 503);
        Assert.True(refused is >= 1 and <= 40, $"{refused} refusals: {Timeline(pipeline.Emulator.Requests.All.Where(r => r.Status == 503).ToList())}"); // the shared pause: not one or more per publication
        var outageEnds = pipeline.Emulator.Faults.WindowEnds!.Value;
        var recovered = pipeline.Emulator.Requests.All.Where(r => r.At > outageEnds && r.Status is >= 200 and < 300).Min(r => r.At);
        output.WriteLine($"outage of 10 min (scaled): {refused} refused calls for {MeetingCount} publications ({(double)refused / MeetingCount:0.00} per publication); "
            + $"first good answer {(recovered - outageEnds).TotalSeconds / 0.01 / 60:0.0} min (scaled) after the outage; all published "
            + $"{(allPublished - recovered).TotalSeconds:0.0} s after it");
    }

    [Fact]
    public async Task A_quota_refused_for_an_hour_is_not_called_again_before_the_hour_and_then_publishes_everything()
    {
        await using var pipeline = await Start(timeScale: 0.002); // an hour is 7.2 s
        await pipeline.StartWorker();
        var meetings = pipeline.Meetings(MeetingCount);
        pipeline.Emulator.Faults.Window(TimeSpan.FromSeconds(5), 429, retryAfter: TimeSpan.FromHours(1));

        await pipeline.Publish(meetings);

        await pipeline.AssertEachPublishedExactlyOnce(meetings, Settle);
        await AssertNeverFailed(pipeline);
        var calls = pipeline.Emulator.Requests.All;
        var refusals = calls.Where(r => r.Status == 429).ToList();
        Assert.True(refusals.Count is >= 1 and <= 20, $"{refusals.Count} refusals (the calls in flight when the quota ran out): {Timeline(refusals)}");
        var first = refusals.Min(r => r.At);
        var last = refusals.Max(r => r.At);
        Assert.DoesNotContain(calls, r => r.At > last && r.At < first + TimeSpan.FromSeconds(7)); // Retry-After 3600 s, scaled
        output.WriteLine($"quota of an hour: {refusals.Count} refused calls, next call {(calls.Where(r => r.At > last).Min(r => r.At) - first).TotalSeconds / 0.002 / 60:0} min (scaled) after the first refusal");
    }

    [Fact]
    public async Task Two_workers_share_one_pause_so_an_outage_sees_one_probe_per_window_not_one_per_worker()
    {
        await using var pipeline = await Start(timeScale: 0.01);
        await pipeline.StartWorker();
        await pipeline.StartWorker();
        var meetings = pipeline.Meetings(MeetingCount);
        pipeline.Emulator.Faults.Window(TimeSpan.FromMinutes(10) * 0.01, 503);

        await pipeline.Publish(meetings);

        await pipeline.AssertEachPublishedExactlyOnce(meetings, Settle);
        await AssertNeverFailed(pipeline);
        var refused = pipeline.Emulator.Requests.All.Where(r => r.Status == 503).OrderBy(r => r.At).ToList();
        Assert.True(refused.Count is >= 1 and <= 50, $"{refused.Count} refusals: {Timeline(refused)}");
        // Once the calls in flight when the site first refused are answered, each pause ends in one probe: never a burst.
        var probes = refused.Where(r => r.At > refused[0].At + TimeSpan.FromSeconds(2)).ToList();
        Assert.All(probes.Zip(probes.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At > TimeSpan.FromMilliseconds(50),
            $"two calls inside one pause: {pair.First.At:O} and {pair.Second.At:O}"));
        output.WriteLine($"two workers, outage of 10 min (scaled): {refused.Count} refused calls, {probes.Count} of them probes after the first burst");
    }

    [Fact]
    public async Task A_worker_killed_while_publications_wait_leaves_them_to_the_next_worker_which_publishes_them_all()
    {
        await using var pipeline = await Start(timeScale: 0.01);
        var worker = await pipeline.StartWorker();
        var meetings = pipeline.Meetings(MeetingCount);
        pipeline.Emulator.Faults.Window(TimeSpan.FromSeconds(10), 503);

        await pipeline.Publish(meetings);
        await pipeline.WaitForCount(meetings, PublicationStates.Waiting, MeetingCount / 4, Settle);
        await worker.Kill();
        var restarted = Stopwatch.StartNew();
        await pipeline.StartWorker();

        await pipeline.AssertEachPublishedExactlyOnce(meetings, Settle);
        await AssertNeverFailed(pipeline);
        output.WriteLine($"worker killed with publications waiting: all {MeetingCount} published {restarted.Elapsed.TotalSeconds:0.0} s after the restart (the outage lasted 10 s)");
    }

    [Fact]
    public async Task Workers_killed_again_and_again_leave_no_publication_stalled_and_no_sweep_is_needed()
    {
        await using var pipeline = await Start(timeScale: 0.01, new EmulatorOptions { Latency = TimeSpan.FromMilliseconds(10) });
        pipeline.Emulator.Faults.Seed(20261201);
        pipeline.Emulator.Faults.AtRate(0.05, 429, retryAfter: TimeSpan.FromSeconds(1));
        var worker = await pipeline.StartWorker();
        var meetings = pipeline.Meetings(MeetingCount);

        await pipeline.Publish(meetings);
        foreach (var share in new[] { 4, 2 })
        {
            await pipeline.WaitForPublished(meetings, MeetingCount / share, Settle);
            await worker.Kill(); // between any saga commit and its sends: the outbox keeps them
            worker = await pipeline.StartWorker();
        }

        await pipeline.AssertEachPublishedExactlyOnce(meetings, Settle);
    }

    /// <summary>When each refused call came, in milliseconds after the first, and what it was.</summary>
    static string Timeline(IReadOnlyList<RecordedRequest> calls)
    {
        var first = calls.Min(r => r.At);
        return string.Join(", ", calls.OrderBy(r => r.At).Select(r => $"+{(r.At - first).TotalMilliseconds:0} {r.Method} {r.Path}"));
    }

    static async Task AssertNeverFailed(FaultPipeline pipeline)
    {
        var rows = await PublicationStore.All(pipeline.Services);
        Assert.All(rows, p => Assert.DoesNotContain(PublicationHistory.Read(p.History), e => e.What == HistoryVerbs.Failed));
    }
}
