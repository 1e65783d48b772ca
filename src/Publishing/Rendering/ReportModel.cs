using System.Globalization;
using Scriban.Runtime;
using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>
/// What a template may see: plain strings, numbers and lists built here, never .NET objects. User text is cleaned of
/// XML-forbidden characters here and escaped by the template; cards are ordered here, so templates only lay out.
/// </summary>
public static class ReportModel
{
    public static ScriptObject For(MeetingCompleted meeting, string pdfFileName)
    {
        var model = new ScriptObject
        {
            ["team"] = Text(meeting.Team),
            ["title"] = Text(meeting.Title),
            ["kind"] = meeting.Kind == MeetingKind.HealthCheck ? "Health check" : "Retrospective",
            ["date"] = meeting.EndedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["time_range"] = string.Create(CultureInfo.InvariantCulture, $"{meeting.StartedAt.UtcDateTime:HH:mm}–{meeting.EndedAt.UtcDateTime:HH:mm} UTC"),
            ["duration"] = Duration(meeting),
            ["facilitator"] = Text(meeting.Facilitator),
            ["participants"] = List(meeting.Participants.Select(Text)),
            ["columns"] = List(meeting.Columns.Select(Column)),
            ["action_items"] = List(meeting.ActionItems.Select(ActionItem)),
            // Bare to-dos read best as Confluence's own checklist; with owners or due dates, as a table.
            ["action_items_as_tasks"] = meeting.ActionItems.All(a => string.IsNullOrWhiteSpace(a.Owner) && a.DueDate is null),
            ["dimensions"] = List(meeting.Dimensions.Select(Dimension)),
            ["pdf_file_name"] = pdfFileName,
            ["summary"] = Summary(meeting),
        };
        return model;
    }

    /// <summary>Cards grouped as the team grouped them; groups and loose cards ordered by votes, then text.</summary>
    public static IEnumerable<(string? Group, int Votes, IReadOnlyList<RetroCard> Cards)> Entries(RetroColumn column) =>
        column.Cards
            .GroupBy(c => string.IsNullOrWhiteSpace(c.Group) ? null : c.Group.Trim())
            .SelectMany(g => g.Key is null
                ? g.Select(c => ((string?)null, c.Votes, (IReadOnlyList<RetroCard>)[c]))
                : [(g.Key, g.Sum(c => c.Votes), Ordered(g))])
            .OrderByDescending(e => e.Item2)
            .ThenBy(e => e.Item1 ?? e.Item3[0].Text, StringComparer.Ordinal);

    static List<RetroCard> Ordered(IEnumerable<RetroCard> cards) =>
        cards.OrderByDescending(c => c.Votes).ThenBy(c => c.Text, StringComparer.Ordinal).ToList();

    static ScriptObject Column(RetroColumn column) => new()
    {
        ["name"] = Text(column.Name),
        ["entries"] = List(Entries(column).Select(e => new ScriptObject
        {
            ["group"] = e.Group is null ? null : Text(e.Group),
            ["votes"] = e.Votes,
            ["cards"] = List(e.Cards.Select(c => new ScriptObject
            {
                ["text"] = Text(c.Text),
                ["votes"] = c.Votes,
                ["author"] = string.IsNullOrWhiteSpace(c.Author) ? null : Text(c.Author),
            })),
        })),
    };

    /// <summary>The "at a glance" block (<see cref="ReportSummary"/>): counts for both kinds, and the kind's own highlights.</summary>
    static ScriptObject Summary(MeetingCompleted meeting)
    {
        var retrospective = ReportSummary.Retrospective(meeting);
        var health = ReportSummary.Health(meeting);
        return new ScriptObject
        {
            ["cards"] = retrospective.Cards,
            ["votes"] = retrospective.Votes,
            ["top_voted"] = List(retrospective.TopVoted.Select(c => new ScriptObject { ["text"] = Text(c.Text), ["votes"] = c.Votes })),
            ["actions_open"] = retrospective.ActionsOpen,
            ["actions_done"] = retrospective.ActionsDone,
            ["lowest"] = health.Lowest is null ? null : Dimension(health.Lowest),
            ["highest"] = health.Highest is null ? null : Dimension(health.Highest),
            ["improved"] = health.Improved,
            ["worsened"] = health.Worsened,
            ["steady"] = health.Steady,
        };
    }

    static ScriptObject ActionItem(ActionItem item) => new()
    {
        ["text"] = Text(item.Text),
        ["owner"] = string.IsNullOrWhiteSpace(item.Owner) ? "–" : Text(item.Owner),
        ["due"] = item.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "–",
        ["done"] = item.Done,
    };

    static ScriptObject Dimension(HealthDimension d) => new()
    {
        ["name"] = Text(d.Name),
        ["score"] = d.Score.ToString("0.0", CultureInfo.InvariantCulture),
        ["colour"] = HealthColour(d.Score),
        ["trend"] = TrendArrow(d.Trend),
        ["comments"] = List(d.Comments.Select(Text)),
    };

    public static string HealthColour(decimal score) => score >= 4m ? "Green" : score >= 2.5m ? "Yellow" : "Red";

    public static string TrendArrow(HealthTrend trend) => trend switch
    {
        HealthTrend.Up => "↑",
        HealthTrend.Steady => "→",
        HealthTrend.Down => "↓",
        _ => "–",
    };

    public static string Duration(MeetingCompleted meeting)
    {
        var minutes = (int)Math.Max(0, Math.Round((meeting.EndedAt - meeting.StartedAt).TotalMinutes));
        return minutes >= 60 ? $"{minutes / 60} h {minutes % 60} min" : $"{minutes} min";
    }

    static string Text(string? value) => StorageFormat.Clean(value).Trim();

    static ScriptArray List<T>(IEnumerable<T> items) => new(items.Cast<object?>());
}
