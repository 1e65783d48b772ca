using MassTransit;

namespace TeamRetro.Confluence.Publishing.Messaging;

/// <summary>
/// The saga's queue is a RabbitMQ priority queue: whatever moves a publication already under way (a step's result, a
/// resume, a redrive) is taken before the next new MeetingCompleted, so a burst of meetings is published one by one
/// as each finishes, not all together at the end with every meeting waiting behind the whole batch at every step
/// (docs/performance.md, latency under load). Publishers outside this service send at the default priority, 0.
/// The queue is declared so with <see cref="MessagingOptions.PrioritiseInFlight"/> (the default); the priority each message
/// carries is ignored by a queue without priorities.
/// </summary>
public static class PublicationPriority
{
    public const byte InFlight = 1;
    public const byte Highest = InFlight;

    /// <summary>Marks a message as moving a publication under way; no effect on transports without priorities.</summary>
    public static void InFlightPriority(this SendContext context)
    {
        if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
            rabbit.BasicProperties.Priority = InFlight;
    }

    /// <summary>
    /// Declares the saga's queue with priorities when configured so (RabbitMQ only), except that a queue which exists keeps
    /// the arguments it has (<see cref="SagaQueuePriorityCheck"/>).
    /// </summary>
    public static void WithPublicationPriorities(this IReceiveEndpointConfigurator endpoint, MessagingOptions messaging, string queue, ILogger logger,
        CancellationToken stopping)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit
            && SagaQueuePriorityCheck.UsePriorities(messaging.RabbitMqUrl, queue, messaging.PrioritiseInFlight, logger, stopping))
            rabbit.EnablePriority(Highest);
    }

    /// <summary>
    /// MassTransit declares an endpoint's <c>_error</c> and <c>_skipped</c> queues with its queue's arguments; they keep
    /// none of the priority, so queues of either kind that exist from before the saga's queue had priorities stay valid.
    /// </summary>
    public static void WithoutPrioritiesOnErrorQueues(this IRabbitMqBusFactoryConfigurator bus)
    {
        bus.SendTopology.ConfigureErrorSettings = s => s.SetQueueArgument("x-max-priority", null);
        bus.SendTopology.ConfigureDeadLetterSettings = s => s.SetQueueArgument("x-max-priority", null);
    }
}
