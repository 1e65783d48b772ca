using System.Collections.Concurrent;
using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using TeamRetro.Confluence.Integration.Tests.Infrastructure;

namespace TeamRetro.Confluence.Integration.Tests.BadInput;

/// <summary>A message MassTransit moved aside: which queue, its body and the fault MassTransit wrote in its headers.</summary>
public sealed record DeadLetter(string Queue, string? MessageId, byte[] Body, string? Fault);

/// <summary>
/// One real pipeline (worker on RabbitMQ and PostgreSQL, emulator) for the whole event corpus, a plain AMQP publisher,
/// and the two places a bad message may end up besides a Failed publication: the saga queue's error and skipped queues.
/// </summary>
public sealed class EventCorpusFixture : IAsyncLifetime
{
    public const string Exchange = "TeamRetro.Confluence.Contracts:MeetingCompleted";
    public const string SagaQueue = "report-publication";
    static readonly string[] DeadLetterQueues = [SagaQueue + "_error", SagaQueue + "_skipped"];

    readonly ConcurrentQueue<DeadLetter> deadLetters = new();
    IConnection connection = null!;

    public Pipeline Pipeline { get; private set; } = null!;
    public Guid TenantWithoutIntegration { get; } = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        Pipeline = await Pipeline.StartAsync();
        connection = await new ConnectionFactory { Uri = Pipeline.RabbitMqUrl }.CreateConnectionAsync();
    }

    public async Task DisposeAsync()
    {
        await connection.DisposeAsync();
        await Pipeline.DisposeAsync();
    }

    public async Task Publish(byte[] body, string contentType, string messageId)
    {
        await using var channel = await connection.CreateChannelAsync();
        var properties = new BasicProperties { ContentType = contentType, DeliveryMode = DeliveryModes.Persistent, MessageId = messageId };
        await channel.BasicPublishAsync(Exchange, routingKey: "", mandatory: false, properties, body);
    }

    /// <summary>Collects everything in the dead-letter queues until the message with this id (or, without one, this body) is among them.</summary>
    public async Task<DeadLetter> WaitForDeadLetter(string messageId, byte[] body, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = deadLetters.FirstOrDefault(d => d.MessageId == messageId)
                ?? deadLetters.FirstOrDefault(d => d.MessageId is null && d.Body.AsSpan().SequenceEqual(body));
            if (found is not null)
                return found;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Message {messageId} reached neither {string.Join(" nor ", DeadLetterQueues)} within {timeout}; "
                    + $"they hold {string.Join(", ", deadLetters.Select(d => d.MessageId))}.");
            foreach (var queue in DeadLetterQueues)
                await Drain(queue);
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Empties every <c>_error</c> queue of the virtual host (the saga's and each step's) and returns what they held.
    /// Only a message the saga could not take belongs there: a Published or Failed case must leave none.
    /// </summary>
    public async Task<List<DeadLetter>> TakeErrorQueues()
    {
        var taken = new ConcurrentQueue<DeadLetter>();
        foreach (var queue in (await Pipeline.Rabbit.QueueDepths()).Keys.Where(q => q.EndsWith("_error", StringComparison.Ordinal)))
            await Drain(queue, taken);
        return [.. taken];
    }

    Task Drain(string queue) => Drain(queue, deadLetters);

    async Task Drain(string queue, ConcurrentQueue<DeadLetter> into)
    {
        // A fresh channel per queue: asking for a queue that is not declared yet (before the first fault) closes the channel.
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } result)
            {
                var headers = result.BasicProperties.Headers;
                var fault = headers is not null && headers.TryGetValue("MT-Fault-Message", out var value) && value is byte[] bytes
                    ? Encoding.UTF8.GetString(bytes) : null;
                into.Enqueue(new DeadLetter(queue, result.BasicProperties.MessageId, result.Body.ToArray(), fault));
            }
        }
        catch (OperationInterruptedException)
        {
        }
    }

    /// <summary>
    /// Waits until every queue of the test virtual host but the dead-letter ones is empty, ready and unacknowledged
    /// alike (rabbitmqctl counts both): a message that keeps cycling never lets this return.
    /// </summary>
    public async Task WaitUntilDrained(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var busy = "";
        while (DateTime.UtcNow < deadline)
        {
            var depths = await Pipeline.Rabbit.QueueDepths();
            busy = string.Join(", ", depths.Where(d => d.Value > 0 && !d.Key.EndsWith("_error", StringComparison.Ordinal)
                && !d.Key.EndsWith("_skipped", StringComparison.Ordinal)).Select(d => $"{d.Key}={d.Value}"));
            if (busy.Length == 0)
                return;
            await Task.Delay(250);
        }

        throw new TimeoutException($"The queues did not drain within {timeout}: {busy}");
    }
}
