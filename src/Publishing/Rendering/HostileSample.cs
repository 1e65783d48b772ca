using System.Text.RegularExpressions;
using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>
/// Meetings in which every text value a template can see is markup: <c>&lt;ac:x f="field"/&gt;&amp;]]&gt;</c>, the field
/// named in the marker. The model's values are raw on purpose (templates escape them), so a tenant template that
/// prints one without <c>html.escape</c> would let a card author put macros or HTML on the page: rendered against these
/// samples, such a template shows the marker unescaped, and the field that leaked.
/// </summary>
public static partial class HostileSample
{
    /// <summary>The samples a template of this kind is tried against: with owners and due dates, and without (a task list).</summary>
    public static IEnumerable<MeetingCompleted> For(MeetingKind kind, DateTimeOffset endedAt)
    {
        var meeting = Meeting(kind, endedAt);
        yield return meeting;
        yield return meeting with { ActionItems = [new ActionItem { Text = Marker("action_items[].text") }] };
    }

    /// <summary>The model field whose value the page shows unescaped, or null when every marker was escaped.</summary>
    public static string? LeakedField(string storageXml)
    {
        if (RawMarker().Match(storageXml) is { Success: true } match)
            return match.Groups["field"].Value;
        // Escaped "<" but not "&" or "]]>" (or the tags stripped): the text still breaks out of where it was put.
        return storageXml.Contains(Tail, StringComparison.Ordinal) ? SomeTextValue : null;
    }

    /// <summary>What <see cref="LeakedField"/> names when the marker's field was lost (its tags stripped).</summary>
    public const string SomeTextValue = "a text value";

    const string Tail = "&]]>";

    /// <summary>The tail first: a template that prints a value raw but cut short (string.truncate) still prints it.</summary>
    static string Marker(string field) => $"{Tail}<ac:x f=\"{field}\"/>";

    [GeneratedRegex("<ac:x f=\"(?<field>[^\"]*)\"")]
    private static partial Regex RawMarker();

    static MeetingCompleted Meeting(MeetingKind kind, DateTimeOffset endedAt) => new()
    {
        Kind = kind,
        Title = Marker("title"),
        Team = Marker("team"),
        StartedAt = endedAt.AddMinutes(-45),
        EndedAt = endedAt,
        Facilitator = Marker("facilitator"),
        Participants = [Marker("participants[]"), Marker("participants[]")],
        Columns =
        [
            new RetroColumn
            {
                Name = Marker("columns[].name"),
                Cards =
                [
                    new RetroCard { Text = Marker("columns[].entries[].cards[].text"), Votes = 3, Author = Marker("columns[].entries[].cards[].author") },
                    new RetroCard
                    {
                        Text = Marker("columns[].entries[].cards[].text"), Votes = 2, Author = Marker("columns[].entries[].cards[].author"),
                        Group = Marker("columns[].entries[].group"),
                    },
                ],
            },
        ],
        ActionItems =
        [
            new ActionItem { Text = Marker("action_items[].text"), Owner = Marker("action_items[].owner"), DueDate = DateOnly.FromDateTime(endedAt.AddDays(7).UtcDateTime) },
            new ActionItem { Text = Marker("action_items[].text"), Owner = Marker("action_items[].owner"), Done = true },
        ],
        Dimensions =
        [
            new HealthDimension { Name = Marker("dimensions[].name"), Score = 4.2m, Trend = HealthTrend.Up, Comments = [Marker("dimensions[].comments[]"), Marker("dimensions[].comments[]")] },
            new HealthDimension { Name = Marker("dimensions[].name"), Score = 2.1m, Trend = HealthTrend.Down, Comments = [Marker("dimensions[].comments[]")] },
        ],
    };
}
