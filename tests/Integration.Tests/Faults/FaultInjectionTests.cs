using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Integration.Tests.Faults;

/// <summary>
/// Hundreds of meetings in flight while something breaks. Each scenario ends with the same verdict: every meeting
/// published exactly once (one page, one current PDF), nothing left in an error queue.
/// </summary>
[Collection(DisruptiveCollection.Name)]
public sealed class FaultInjectionTests
{
    const int MeetingCount = 200;
    static readonly TimeSpan Settle = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Worker_killed_mid_run_and_restarted_loses_and_duplicates_nothing()
    {
        await using var pipeline = await FaultPipeline.StartAsync(new EmulatorOptions { Latency = TimeSpan.FromMilliseconds(10) });
        var worker = await pipeline.StartWorker();
        var meetings = pipeline.Meetings(MeetingCount);

        await pipeline.Publish(meetings);
        await pipeline.WaitForPublished(meetings, MeetingCount / 5, Settle);
        await worker.Kill();
        await pipeline.StartWorker();

        await pipeline.AssertEachPublishedExactlyOnce(meetings, Settle);
    }

    [Fact]
    public async Task Two_workers_compete_for_the_same_queues_without_a_second_page()
    {
        await using var pipeline = await FaultPipeline.StartAsync();
        await pipeline.StartWorker();
        await pipeline.StartWorker();
        var meetings = pipeline.Meetings(MeetingCount);

        var consumers = await pipeline.Rabbit.QueueConsumers();
        await pipeline.Publish(meetings.Concat(meetings)); // and every event twice

        Assert.Equal(2, consumers["report-publication"]);
        Assert.Equal(2, consumers["publish-report-page"]);
        await pipeline.AssertEachPublishedExactlyOnce(meetings, Settle);
    }

    /// <summary>Run on the two targets whose calls differ most: Data Center's v1 with its attachment POSTs, Cloud's v2 through the OAuth gateway.</summary>
    [Theory]
    [InlineData("DataCenter-basic")]
    [InlineData("Cloud-OAuth-v2")]
    public async Task Confluence_throttling_errors_slowness_and_dropped_connections_at_set_rates_end_in_one_page_each(string target)
    {
        await using var pipeline = await FaultPipeline.StartAsync(target: ConfluenceTarget.Named(target));
        pipeline.Emulator.Faults.Seed(20261129);
        pipeline.Emulator.Faults.AtRate(0.10, 429, retryAfter: TimeSpan.FromSeconds(1));
        pipeline.Emulator.Faults.AtRate(0.05, 503);
        pipeline.Emulator.Faults.AtRate(0.03, 500);
        pipeline.Emulator.Faults.AtRate(0.05, delay: TimeSpan.FromSeconds(1));
        pipeline.Emulator.Faults.AtRate(0.03, drop: true);
        await pipeline.StartWorker();
        var meetings = pipeline.Meetings(MeetingCount);

        await pipeline.Publish(meetings);

        await pipeline.AssertEachPublishedExactlyOnce(meetings, Settle);
        var answers = pipeline.Emulator.Requests.All;
        Assert.Contains(answers, r => r.Status == 429);
        Assert.Contains(answers, r => r.Status == 503);
        Assert.Contains(answers, r => r.Status == 0); // dropped
    }

    [Fact]
    public async Task Every_message_delivered_twice_and_out_of_order_still_makes_one_page_each()
    {
        await using var pipeline = await FaultPipeline.StartAsync();
        await using var duplicates = new DuplicateDelivery(pipeline.Rabbit.Url);
        await pipeline.StartInProcessWorker(services => services.AddSingleton<IConfigureReceiveEndpoint>(duplicates));
        var meetings = pipeline.Meetings(MeetingCount);

        await pipeline.Publish(meetings);
        await pipeline.WaitUntil(meetings, "Published", Settle);
        await duplicates.Drained(); // every copy is in RabbitMQ; the verdict waits for the saga to absorb them

        Assert.True(duplicates.Copies >= MeetingCount * 9); // the event, 4 commands and 4 results per meeting, at least
        await pipeline.AssertEachPublishedExactlyOnce(meetings, Settle);
    }

    [Fact]
    public Task RabbitMq_stopped_and_started_mid_run_loses_nothing() =>
        OutageMidRun(SharedServices.StopRabbitMq, SharedServices.StartRabbitMq);

    [Fact]
    public Task PostgreSql_stopped_and_started_mid_run_loses_nothing() =>
        OutageMidRun(SharedServices.StopPostgres, SharedServices.StartPostgres);

    /// <summary>A fifth of the meetings published, then a shared server goes away for three seconds and comes back.</summary>
    static async Task OutageMidRun(Func<Task> stop, Func<Task> start)
    {
        await using var pipeline = await FaultPipeline.StartAsync(new EmulatorOptions { Latency = TimeSpan.FromMilliseconds(10) });
        await pipeline.StartWorker();
        var meetings = pipeline.Meetings(MeetingCount);

        await pipeline.Publish(meetings);
        await pipeline.WaitForPublished(meetings, MeetingCount / 5, Settle);
        await stop();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3)); // an outage, not a synchronisation: the worker must ride it out
        }
        finally
        {
            await start();
        }

        await pipeline.AssertEachPublishedExactlyOnce(meetings, Settle);
    }
}
