using System.Text.Json;

namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>One line of a publication's history, as the Api shows it: what happened to which step, and when.</summary>
public sealed record PublicationEvent(DateTimeOffset At, string What, string? Step, string? Detail = null);

/// <summary>
/// The step history lives in one JSON column of the saga row (it is read only with its publication), kept to the
/// newest <see cref="MaxEvents"/> entries so a publication replayed many times stays small.
/// </summary>
public static class PublicationHistory
{
    public const int MaxEvents = 100;
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<PublicationEvent> Read(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<PublicationEvent>>(json, Json) ?? [];

    public static void Record(this ReportPublication saga, DateTimeOffset at, string what, string? step, string? detail = null)
    {
        var events = Read(saga.History).ToList();
        events.Add(new PublicationEvent(at, what, step, detail));
        if (events.Count > MaxEvents)
            events.RemoveRange(0, events.Count - MaxEvents);
        saga.History = JsonSerializer.Serialize(events, Json);
    }
}
