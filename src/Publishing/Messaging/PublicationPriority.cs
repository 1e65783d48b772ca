using MassTransit;

namespace TeamRetro.Confluence.Publishing.Messaging;

/// <summary>
/// The saga's queue is a RabbitMQ priority queue: whatever moves a publication already under way (a step's result, a
/// resume, a redrive) is taken before the next new MeetingCompleted, so a burst of meetings is published one by one
/// as each finishes, not all together at the end with every meeting waiting behind the whole batch at every step
/// (docs/performance.md, latency under load). Publishers outside this service send at the default priority, 0.
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

    /// <summary>Declares the saga's queue with priorities (RabbitMQ only).</summary>
    public static void WithPublicationPriorities(this IReceiveEndpointConfigurator endpoint)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            rabbit.EnablePriority(Highest);
    }
}
