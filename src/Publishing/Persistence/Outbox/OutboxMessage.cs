using System.ComponentModel.DataAnnotations.Schema;

namespace TeamRetro.Confluence.Publishing.Persistence.Outbox;

/// <summary>
/// A message the saga decided to send, stored in the same transaction as the saga row that decided it
/// (<see cref="PublicationOutbox"/>), and deleted once delivered (<see cref="OutboxRelay"/>). A crash between the
/// saga's commit and the send therefore loses nothing: the row is still here, and a worker delivers it.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The queue it is sent to (queue:…), or null when it is published.</summary>
    public string? Destination { get; set; }
    /// <summary>Its contract's type name (src/Contracts).</summary>
    public string MessageType { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>The W3C traceparent of the decision, so a late delivery stays in the publication's trace.</summary>
    public string? TraceParent { get; set; }
    /// <summary>While set and in the future, one worker's relay is delivering it.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>The message itself, while the saga that wrote it still holds it (delivered at once after the commit).</summary>
    [NotMapped]
    public object? Message { get; set; }
}
