using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace TeamRetro.Confluence.Publishing.Messaging;

/// <summary>
/// RabbitMQ refuses to declare an existing queue again with other arguments (406 PRECONDITION_FAILED, and MassTransit then
/// retries the endpoint for ever), so a saga queue created before priorities were on (an upgrade) would stop the worker.
/// Before the saga's endpoint is configured the worker asks the broker: a queue that is missing or already has priorities
/// gets them; one without is kept as it is, with a warning that says how to move it (docs/architecture.md).
/// </summary>
public static class SagaQueuePriorityCheck
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>Runs once, while the bus is built (MassTransit configures endpoints synchronously).</summary>
    public static bool CanHavePriorities(Uri broker, string queue, ILogger logger)
    {
        try
        {
            using var timeout = new CancellationTokenSource(Deadline);
            if (Task.Run(() => Ask(broker, queue, timeout.Token), timeout.Token).GetAwaiter().GetResult())
                return true;
            logger.LogWarning("The saga's queue {Queue} on virtual host '{VirtualHost}' exists without priorities, so it is kept so and a burst " +
                "of meetings is published all at the end: to have publications under way go first, stop the workers, let the queue drain, " +
                "delete it and start them again (docs/architecture.md, 'In-flight first')", queue, VirtualHost(broker));
            return false;
        }
        catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or OperationCanceledException or TimeoutException)
        {
            // The broker cannot say now: declare as configured, which is right for every queue this version created.
            logger.LogWarning(e, "Could not check the arguments of the saga's queue {Queue}; declaring it with priorities", queue);
            return true;
        }
    }

    static async Task<bool> Ask(Uri broker, string queue, CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = AmqpUri(broker), ClientProvidedName = "teamretro-saga-queue-check" };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using (var passive = await connection.CreateChannelAsync(cancellationToken: ct))
        {
            try
            {
                await passive.QueueDeclarePassiveAsync(queue, ct);
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
            {
                return true; // not there yet: MassTransit creates it with priorities
            }
        }

        // It exists: declaring it again with the same arguments changes nothing, with others is refused and closes only this channel.
        await using var declare = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            await declare.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-max-priority"] = (int)PublicationPriority.Highest }, cancellationToken: ct);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 406)
        {
            return false;
        }
    }

    /// <summary>The address without its credentials, for the log.</summary>
    static string VirtualHost(Uri broker) => Uri.UnescapeDataString(broker.AbsolutePath.TrimStart('/'));

    /// <summary>MassTransit also takes rabbitmq:// addresses; the client takes amqp:// only.</summary>
    static Uri AmqpUri(Uri broker) => broker.Scheme switch
    {
        "rabbitmq" => new UriBuilder(broker) { Scheme = "amqp", Port = broker.IsDefaultPort ? 5672 : broker.Port }.Uri,
        "rabbitmqs" => new UriBuilder(broker) { Scheme = "amqps", Port = broker.IsDefaultPort ? 5671 : broker.Port }.Uri,
        _ => broker,
    };
}
