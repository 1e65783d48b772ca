using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Publishing.Persistence.Outbox;

/// <summary>
/// The saga's transactional outbox (MassTransit's EF outbox is not served here, so this is ours, on our model): what
/// the saga sends or publishes is added to the message's own <see cref="PublicationDbContext"/> and saved with the
/// saga row by the saga repository, which delivers it right after the commit.
/// </summary>
public sealed class PublicationOutbox(PublicationDbContext db, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public void Send(Uri destination, object message) => Add(destination.AbsoluteUri, message);

    public void Publish(object message) => Add(null, message);

    void Add(string? destination, object message) =>
        db.Add(new OutboxMessage
        {
            Id = Guid.NewGuid(),
            CreatedAt = clock.GetUtcNow(),
            Destination = destination,
            MessageType = message.GetType().FullName!,
            Body = JsonSerializer.Serialize(message, message.GetType(), Json),
            TraceParent = Activity.Current?.Id,
            Message = message,
        });

    /// <summary>A stored message back as its contract, for a delivery after a crash.</summary>
    internal static (object Message, Type Type) Read(OutboxMessage stored)
    {
        var type = typeof(MeetingCompleted).Assembly.GetType(stored.MessageType, throwOnError: true)!;
        return (JsonSerializer.Deserialize(stored.Body, type, Json)!, type);
    }
}
