namespace TeamRetro.Confluence.Publishing.Messaging;

/// <summary>Bound from the "Messaging" configuration section.</summary>
public sealed class MessagingOptions
{
    public const string Section = "Messaging";

    /// <summary>"RabbitMq" (production, docker-compose, integration tests) or "InMemory" (the embedded default).</summary>
    public string Transport { get; set; } = "InMemory";

    public Uri RabbitMqUrl { get; set; } = new("amqp://guest:guest@localhost:5672/");

    /// <summary>
    /// "Database" (always, in production) or "InMemory": saga state in process memory, lost on restart. Only the load
    /// driver uses it, to measure the ceiling without our persistence.
    /// </summary>
    public string SagaRepository { get; set; } = "Database";

    /// <summary>
    /// Declares the saga's queue as a RabbitMQ priority queue so what moves a publication under way goes before new
    /// meetings (<see cref="PublicationPriority"/>). On by default; a queue that exists without priorities is kept as it is
    /// (<see cref="SagaQueuePriorityCheck"/>).
    /// </summary>
    public bool PrioritiseInFlight { get; set; } = true;

    public bool UsesInMemorySagas => string.Equals(SagaRepository, "InMemory", StringComparison.OrdinalIgnoreCase);

    public bool UsesRabbitMq => string.Equals(Transport, "RabbitMq", StringComparison.OrdinalIgnoreCase);
}
