using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

/// <summary>Meetings for tests: realistic content, hostile enough to catch escaping mistakes.</summary>
public static class SampleMeetings
{
    static readonly DateTimeOffset Ended = new(2026, 11, 27, 10, 55, 0, TimeSpan.Zero);

    public static MeetingCompleted Retrospective(Guid? tenantId = null, Guid? meetingId = null) => new()
    {
        TenantId = tenantId ?? Guid.NewGuid(),
        MeetingId = meetingId ?? Guid.NewGuid(),
        Kind = MeetingKind.Retrospective,
        Title = "Sprint 42",
        Team = "Platform & Tools",
        StartedAt = Ended.AddMinutes(-55),
        EndedAt = Ended,
        Facilitator = "Ana Lima",
        Participants = ["Ana Lima", "Björn Olsen", "Chen Wei", "Дмитрий Петров"],
        Columns =
        [
            new RetroColumn
            {
                Name = "Went well",
                Cards =
                [
                    new RetroCard { Text = "Release went out without a rollback", Votes = 5 },
                    new RetroCard { Text = "Pairing on <billing> & \"tests\"", Votes = 3, Group = "Collaboration" },
                    new RetroCard { Text = "Fast reviews 🚀", Votes = 1, Group = "Collaboration" },
                    new RetroCard { Text = "Σωστή τεκμηρίωση", Votes = 1 },
                ],
            },
            new RetroColumn
            {
                Name = "To improve",
                Cards =
                [
                    new RetroCard { Text = "Flaky integration tests", Votes = 6, Author = "Chen Wei" },
                    new RetroCard { Text = "Too many meetings", Votes = 4 },
                ],
            },
        ],
        ActionItems =
        [
            new ActionItem { Text = "Quarantine flaky tests", Owner = "Chen Wei", DueDate = new DateOnly(2026, 12, 4) },
            new ActionItem { Text = "Move the Wednesday sync", Owner = "Ana Lima", Done = true },
        ],
    };

    public static MeetingCompleted HealthCheck(Guid? tenantId = null, Guid? meetingId = null) => new()
    {
        TenantId = tenantId ?? Guid.NewGuid(),
        MeetingId = meetingId ?? Guid.NewGuid(),
        Kind = MeetingKind.HealthCheck,
        Team = "Platform & Tools",
        StartedAt = Ended.AddMinutes(-30),
        EndedAt = Ended,
        Facilitator = "Björn Olsen",
        Participants = ["Ana Lima", "Björn Olsen"],
        Dimensions =
        [
            new HealthDimension { Name = "Delivering value", Score = 4.3m, Trend = HealthTrend.Up, Comments = ["Customers noticed"] },
            new HealthDimension { Name = "Codebase health", Score = 2.7m, Trend = HealthTrend.Down },
            new HealthDimension { Name = "Fun", Score = 1.9m, Trend = HealthTrend.Steady, Comments = ["<too> much & on-call"] },
        ],
        ActionItems = [new ActionItem { Text = "Book a fix-it day", Owner = "Ana Lima" }],
    };
}
