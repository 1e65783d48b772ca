using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>Sample meetings: what a tenant template is tried against when saved, and what the demo publishes.</summary>
public static class ReportSamples
{
    public static MeetingCompleted Retrospective(Guid tenantId, Guid meetingId, DateTimeOffset endedAt) => new()
    {
        TenantId = tenantId,
        MeetingId = meetingId,
        Kind = MeetingKind.Retrospective,
        Title = "Sprint review & retro",
        Team = "Platform Team",
        StartedAt = endedAt.AddMinutes(-55),
        EndedAt = endedAt,
        Facilitator = "Ana Lima",
        Participants = ["Ana Lima", "Björn Olsen", "Chen Wei", "Dana Cohen"],
        Columns =
        [
            new RetroColumn
            {
                Name = "Went well",
                Cards =
                [
                    new RetroCard { Text = "Release went out on Friday without a rollback", Votes = 5 },
                    new RetroCard { Text = "Pairing on the <billing> migration & tests", Votes = 3, Group = "Collaboration" },
                    new RetroCard { Text = "Code reviews were fast", Votes = 2, Group = "Collaboration" },
                ],
            },
            new RetroColumn
            {
                Name = "To improve",
                Cards =
                [
                    new RetroCard { Text = "Flaky integration tests block merges", Votes = 6, Author = "Chen Wei" },
                    new RetroCard { Text = "Too many meetings on Wednesday 🙃", Votes = 4 },
                ],
            },
        ],
        ActionItems =
        [
            new ActionItem { Text = "Quarantine the three flakiest tests", Owner = "Chen Wei", DueDate = DateOnly.FromDateTime(endedAt.AddDays(7).UtcDateTime) },
            new ActionItem { Text = "Move the Wednesday sync to Slack", Owner = "Dana Cohen", Done = true },
        ],
    };

    public static MeetingCompleted HealthCheck(Guid tenantId, Guid meetingId, DateTimeOffset endedAt) => new()
    {
        TenantId = tenantId,
        MeetingId = meetingId,
        Kind = MeetingKind.HealthCheck,
        Team = "Platform Team",
        StartedAt = endedAt.AddMinutes(-30),
        EndedAt = endedAt,
        Facilitator = "Björn Olsen",
        Participants = ["Ana Lima", "Björn Olsen", "Chen Wei"],
        Dimensions =
        [
            new HealthDimension { Name = "Delivering value", Score = 4.3m, Trend = HealthTrend.Up, Comments = ["Customers noticed the new export"] },
            new HealthDimension { Name = "Codebase health", Score = 2.7m, Trend = HealthTrend.Down, Comments = ["Flaky tests again"] },
            new HealthDimension { Name = "Fun", Score = 3.9m, Trend = HealthTrend.Steady },
        ],
        ActionItems = [new ActionItem { Text = "Book a fix-it day", Owner = "Ana Lima" }],
    };

    public static MeetingCompleted For(MeetingKind kind, Guid tenantId, Guid meetingId, DateTimeOffset endedAt) =>
        kind == MeetingKind.HealthCheck ? HealthCheck(tenantId, meetingId, endedAt) : Retrospective(tenantId, meetingId, endedAt);
}
