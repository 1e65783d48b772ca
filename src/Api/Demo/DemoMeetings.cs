using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Api.Demo;

/// <summary>Sample meetings for the quick start: each call is a new meeting, so each becomes a new page.</summary>
public static class DemoMeetings
{
    public static MeetingCompleted Retrospective(Guid tenantId)
    {
        var ended = DateTimeOffset.UtcNow;
        return new MeetingCompleted
        {
            TenantId = tenantId,
            MeetingId = Guid.NewGuid(),
            Kind = MeetingKind.Retrospective,
            Title = "Sprint review & retro",
            Team = "Platform Team",
            StartedAt = ended.AddMinutes(-55),
            EndedAt = ended,
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
                        new RetroCard { Text = "Flaky integration tests block merges", Votes = 6 },
                        new RetroCard { Text = "Too many meetings on Wednesday 🙃", Votes = 4 },
                    ],
                },
            ],
            ActionItems =
            [
                new ActionItem { Text = "Quarantine the three flakiest tests", Owner = "Chen Wei", DueDate = DateOnly.FromDateTime(ended.AddDays(7).Date) },
                new ActionItem { Text = "Move the Wednesday sync to Slack", Owner = "Dana Cohen", Done = true },
            ],
        };
    }

    public static MeetingCompleted HealthCheck(Guid tenantId)
    {
        var ended = DateTimeOffset.UtcNow;
        return new MeetingCompleted
        {
            TenantId = tenantId,
            MeetingId = Guid.NewGuid(),
            Kind = MeetingKind.HealthCheck,
            Team = "Platform Team",
            StartedAt = ended.AddMinutes(-30),
            EndedAt = ended,
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
    }
}
