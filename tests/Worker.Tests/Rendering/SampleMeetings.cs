using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

/// <summary>
/// Meetings for tests: the product's <see cref="ReportSamples"/> made hostile enough to catch escaping mistakes (markup,
/// ampersands and quotes, emoji, Cyrillic and Greek), on a fixed day so titles and golden pages stay put.
/// </summary>
public static class SampleMeetings
{
    static readonly DateTimeOffset Ended = new(2026, 11, 27, 10, 55, 0, TimeSpan.Zero);

    public static MeetingCompleted Retrospective(Guid? tenantId = null, Guid? meetingId = null) =>
        ReportSamples.Retrospective(tenantId ?? Guid.NewGuid(), meetingId ?? Guid.NewGuid(), Ended) with
        {
            Title = "Sprint 42",
            Team = "Platform & Tools",
            Participants = ["Ana Lima", "Björn Olsen", "Chen Wei", "Дмитрий Петров"],
            Columns =
            [
                Column("Went well",
                    Card("Release went out without a rollback", 5),
                    Card("Pairing on <billing> & \"tests\"", 3) with { Group = "Collaboration" },
                    Card("Fast reviews 🚀", 1) with { Group = "Collaboration" },
                    Card("Σωστή τεκμηρίωση", 1)),
                Column("To improve",
                    Card("Flaky integration tests", 6) with { Author = "Chen Wei" },
                    Card("Too many meetings", 4)),
            ],
            ActionItems =
            [
                new ActionItem { Text = "Quarantine flaky tests", Owner = "Chen Wei", DueDate = new DateOnly(2026, 12, 4) },
                new ActionItem { Text = "Move the Wednesday sync", Owner = "Ana Lima", Done = true },
            ],
        };

    public static MeetingCompleted HealthCheck(Guid? tenantId = null, Guid? meetingId = null) =>
        ReportSamples.HealthCheck(tenantId ?? Guid.NewGuid(), meetingId ?? Guid.NewGuid(), Ended) with
        {
            Team = "Platform & Tools",
            Participants = ["Ana Lima", "Björn Olsen"],
            Dimensions =
            [
                new HealthDimension { Name = "Delivering value", Score = 4.3m, Trend = HealthTrend.Up, Comments = ["Customers noticed"] },
                new HealthDimension { Name = "Codebase health", Score = 2.7m, Trend = HealthTrend.Down },
                new HealthDimension { Name = "Fun", Score = 1.9m, Trend = HealthTrend.Steady, Comments = ["<too> much & on-call"] },
            ],
        };

    static RetroColumn Column(string name, params RetroCard[] cards) => new() { Name = name, Cards = cards };

    static RetroCard Card(string text, int votes) => new() { Text = text, Votes = votes };
}
