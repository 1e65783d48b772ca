using MassTransit.RabbitMqTransport;
using MassTransit.RabbitMqTransport.Configuration;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace TeamRetro.Confluence.Publishing.Messaging;

/// <summary>
/// RabbitMQ refuses to declare an existing queue again with other arguments (406 PRECONDITION_FAILED, and MassTransit then
/// retries the endpoint for ever), so switching the saga's queue to priorities (an upgrade) or back would stop the worker.
/// Before the saga's endpoint is configured the worker asks the broker what the queue has, and keeps it so: only a queue
/// that does not exist yet is declared as <see cref="MessagingOptions.PrioritiseInFlight"/> says (docs/architecture.md).
/// </summary>
public static class SagaQueuePriorityCheck
{
    enum Existing { None, WithPriorities, WithoutPriorities, Unknown }

    static readonly TimeSpan[] RetryAfter = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    /// <summary>Whether to declare the saga's queue with priorities. Waits for the broker to answer, as the bus would.</summary>
    /// <remarks>MassTransit configures endpoints synchronously while it builds the bus, hence the blocking wait, once per process.</remarks>
    public static bool UsePriorities(Uri broker, string queue, bool configured, ILogger logger, CancellationToken stopping)
    {
        var existing = Task.Run(() => AskUntilAnswered(broker, queue, logger, stopping), stopping).GetAwaiter().GetResult();
        var virtualHost = VirtualHost(broker);
        switch (existing)
        {
            case Existing.WithoutPriorities when configured:
                logger.LogWarning("The saga's queue {Queue} on virtual host {VirtualHost} exists without priorities and is kept so: a burst of " +
                    "meetings is published all at the end. To have publications under way go first, stop the workers, let the queue drain, " +
                    "delete it and start them again (docs/architecture.md, 'In-flight first')", queue, virtualHost);
                return false;
            case Existing.WithPriorities when !configured:
                logger.LogWarning("The saga's queue {Queue} on virtual host {VirtualHost} has priorities and keeps them although " +
                    "Messaging:PrioritiseInFlight is off: to drop them, stop the workers, let the queue drain, delete it and start them again",
                    queue, virtualHost);
                return true;
            default:
                return existing switch { Existing.WithPriorities => true, Existing.WithoutPriorities => false, _ => configured };
        }
    }

    static async Task<Existing> AskUntilAnswered(Uri broker, string queue, ILogger logger, CancellationToken stopping)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await Ask(broker, queue, logger, stopping);
            }
            catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or AlreadyClosedException
                or IOException or TimeoutException || e is OperationCanceledException && !stopping.IsCancellationRequested)
            {
                var wait = RetryAfter[Math.Min(attempt, RetryAfter.Length - 1)];
                logger.LogWarning("The broker did not say what the saga's queue {Queue} is declared with ({Error}); asking again in {Wait}",
                    queue, e.GetType().Name, wait);
                await Task.Delay(wait, stopping);
            }
        }
    }

    static async Task<Existing> Ask(Uri broker, string queue, ILogger logger, CancellationToken ct)
    {
        // MassTransit's own reading of the address (virtual host, TLS by port, credentials), so the check meets the queue the bus will.
        var factory = new RabbitMqHostConfigurator(broker, "teamretro-saga-queue-check").Settings.GetConnectionFactory();
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using (var passive = await connection.CreateChannelAsync(cancellationToken: ct))
        {
            try
            {
                await passive.QueueDeclarePassiveAsync(queue, ct);
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
            {
                return Existing.None;
            }
        }

        // It exists: declaring it again with the same arguments changes nothing; with others it is refused, closing only this channel.
        await using var declare = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            await declare.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-max-priority"] = (int)PublicationPriority.Highest }, cancellationToken: ct);
            return Existing.WithPriorities;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 406)
        {
            // "inequivalent arg 'x-max-priority' for queue '…' in vhost '…': received the value '1' of type 'signedint' but current is none"
            var reply = e.ShutdownReason.ReplyText;
            if (reply.Contains("'x-max-priority'", StringComparison.Ordinal) && reply.EndsWith("current is none", StringComparison.Ordinal))
                return Existing.WithoutPriorities;
            logger.LogError("The saga's queue {Queue} exists with other arguments than this worker declares: {Reply}", queue, reply);
            return Existing.Unknown;
        }
    }

    /// <summary>Where the queue is, without the address's credentials, for the log.</summary>
    static string VirtualHost(Uri broker) => new RabbitMqHostConfigurator(broker).Settings.VirtualHost;
}
