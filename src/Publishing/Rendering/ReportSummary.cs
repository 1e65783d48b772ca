using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>A health check at a glance: who took part, the weakest and strongest dimension, and how the scores moved.</summary>
public sealed record HealthSummary(int Participants, HealthDimension? Lowest, HealthDimension? Highest, int Improved, int Worsened, int Steady);

/// <summary>A retrospective at a glance: how much was said and voted, what mattered most, and what is left to do.</summary>
public sealed record RetrospectiveSummary(int Participants, int Cards, int Votes, IReadOnlyList<RetroCard> TopVoted, int ActionsOpen, int ActionsDone);

/// <summary>The summary block both the page and the PDF open with; ties are broken by name so the same meeting reads the same.</summary>
public static class ReportSummary
{
    public const int TopVotedCount = 3;

    public static HealthSummary Health(MeetingCompleted meeting)
    {
        var byScore = meeting.Dimensions.OrderBy(d => d.Score).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
        return new HealthSummary(
            meeting.Participants.Count,
            byScore.FirstOrDefault(),
            meeting.Dimensions.OrderByDescending(d => d.Score).ThenBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(),
            meeting.Dimensions.Count(d => d.Trend == HealthTrend.Up),
            meeting.Dimensions.Count(d => d.Trend == HealthTrend.Down),
            meeting.Dimensions.Count(d => d.Trend == HealthTrend.Steady));
    }

    public static RetrospectiveSummary Retrospective(MeetingCompleted meeting)
    {
        var cards = meeting.Columns.SelectMany(c => c.Cards).ToList();
        return new RetrospectiveSummary(
            meeting.Participants.Count,
            cards.Count,
            cards.Sum(c => c.Votes),
            cards.Where(c => c.Votes > 0).OrderByDescending(c => c.Votes).ThenBy(c => c.Text, StringComparer.Ordinal).Take(TopVotedCount).ToList(),
            meeting.ActionItems.Count(a => !a.Done),
            meeting.ActionItems.Count(a => a.Done));
    }
}
