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

    public bool UsesInMemorySagas => string.Equals(SagaRepository, "InMemory", StringComparison.OrdinalIgnoreCase);

    public bool UsesRabbitMq => string.Equals(Transport, "RabbitMq", StringComparison.OrdinalIgnoreCase);
}
