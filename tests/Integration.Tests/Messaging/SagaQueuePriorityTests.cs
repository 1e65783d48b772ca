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
/// by order (how many meetings the saga first took after the first report was published), never by time; alone, so
/// other tests' load does not shift the race between the saga taking new meetings and the first report's four steps.
/// </summary>
[Collection(DisruptiveCollection.Name)]
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

    /// <summary>
    /// An upgrade (a queue from before priorities, priorities on by default) and a downgrade (a priority queue, the option
    /// off): RabbitMQ would refuse the other arguments and the worker would never consume; it keeps the queue as it is.
    /// </summary>
    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task A_saga_queue_that_exists_keeps_its_arguments_and_publishes(bool existingHasPriorities, bool prioritise)
    {
        await using var pipeline = await FaultPipeline.StartAsync();
        await Declare(pipeline.Rabbit.Url, Queues.SagaName, existingHasPriorities);
        var before = await pipeline.Rabbit.QueueArguments(Queues.SagaName);
        pipeline.ExtraWorkerSettings["Messaging:PrioritiseInFlight"] = prioritise.ToString();

        await pipeline.StartInProcessWorker(_ => { });
        var meetings = pipeline.Meetings(10);
        await pipeline.Publish(meetings);

        await pipeline.AssertEachPublishedExactlyOnce(meetings, Settle);
        Assert.Equal(before, await pipeline.Rabbit.QueueArguments(Queues.SagaName));
        Assert.Equal(existingHasPriorities, before.Contains("x-max-priority", StringComparison.Ordinal));
        Assert.Contains(TestLogging.Entries(), e => e.Contains(existingHasPriorities ? "has priorities and keeps them" : "exists without priorities", StringComparison.Ordinal)
            && e.Contains(pipeline.Rabbit.VirtualHost, StringComparison.Ordinal));
    }

    static async Task Declare(Uri broker, string queue, bool withPriorities)
    {
        await using var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: withPriorities ? new Dictionary<string, object?> { ["x-max-priority"] = 1 } : null);
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
