using RabbitMQ.Client;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Integration.Tests.Faults;
using TeamRetro.Confluence.Integration.Tests.Infrastructure;
using TeamRetro.Confluence.Publishing.Publication;
using Queues = TeamRetro.Confluence.Publishing.Publication.PublicationSteps.Queues;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Integration.Tests.Messaging;

/// <summary>
/// In-flight first (<c>PublicationPriority</c>): with the saga's queue a priority queue, a burst of meetings waiting in it
/// is published one by one as each finishes; without, every meeting waits behind the whole burst at every step. Judged
/// by order (how many meetings the saga first took after the first report was published), never by time.
/// </summary>
public sealed class SagaQueuePriorityTests
{
    const int Burst = 200;
    static readonly TimeSpan Settle = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_burst_waiting_in_the_saga_queue_is_published_progressively_only_with_priorities(bool prioritise)
    {
        await using var pipeline = await FaultPipeline.StartAsync();
        pipeline.ExtraWorkerSettings["Messaging:PrioritiseInFlight"] = prioritise.ToString();
        await using (await InProcessWorker.StartAsync(pipeline.WorkerSettings)) // declares the queues and renders once (a cold first render is not the queue's order)
        {
            var warmUp = pipeline.Meetings(1);
            await pipeline.Publish(warmUp);
            await pipeline.WaitUntil(warmUp, PublicationStates.Published, Settle);
        }

        var meetings = pipeline.Meetings(Burst);
        await pipeline.Publish(meetings);
        await WaitForDepth(pipeline.Rabbit, Queues.SagaName, Burst); // the whole burst waits, so the order is the queue's alone

        await pipeline.StartInProcessWorker(_ => { });
        var published = await pipeline.WaitUntil(meetings, PublicationStates.Published, Settle);

        var firstReport = published.Min(p => p.PublishedAt!.Value);
        var takenAfterIt = published.Count(p => p.CreatedAt > firstReport);
        var arguments = await pipeline.Rabbit.QueueArguments(Queues.SagaName);
        if (prioritise)
        {
            Assert.Contains("x-max-priority", arguments, StringComparison.Ordinal);
            Assert.True(takenAfterIt >= Burst / 4, $"{takenAfterIt} of {Burst} meetings were taken after the first report was published");
        }
        else
        {
            Assert.DoesNotContain("x-max-priority", arguments, StringComparison.Ordinal);
            Assert.True(takenAfterIt < Burst / 10, $"{takenAfterIt} of {Burst} meetings were taken after the first report was published");
        }
    }

    /// <summary>An upgrade: RabbitMQ would refuse the priority argument on the existing queue, and the worker would never consume.</summary>
    [Fact]
    public async Task A_saga_queue_declared_before_priorities_is_kept_as_it_is_and_publishes()
    {
        await using var pipeline = await FaultPipeline.StartAsync();
        await DeclareWithoutArguments(pipeline.Rabbit.Url, Queues.SagaName);

        await pipeline.StartInProcessWorker(_ => { }); // priorities are on by default
        var meetings = pipeline.Meetings(10);
        await pipeline.Publish(meetings);

        await pipeline.AssertEachPublishedExactlyOnce(meetings, Settle);
        Assert.Equal("[]", await pipeline.Rabbit.QueueArguments(Queues.SagaName));
        Assert.Contains(TestLogging.Entries(), e => e.Contains("exists without priorities", StringComparison.Ordinal)
            && e.Contains(pipeline.Rabbit.VirtualHost, StringComparison.Ordinal));
    }

    static async Task DeclareWithoutArguments(Uri broker, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
    }

    static async Task WaitForDepth(RabbitMqFixture rabbit, string queue, int depth)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await rabbit.QueueDepths()).GetValueOrDefault(queue) < depth)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{queue} did not reach {depth} messages");
            await Task.Delay(100);
        }
    }
}
