using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

/// <summary>Meetings written in every script a team might use, and the emoji they add (PDF and golden-image tests).</summary>
public static class MultilingualMeetings
{
    public const string Rocket = "🚀";
    public const string Technologist = "👩‍💻";
    public const string RaisingHand = "🙋‍♀️";
    public const string ThumbsUpMediumSkin = "👍🏽";
    public const string Flag = "🇩🇪";
    public const string Hindi = "समीक्षा जल्दी हुई";
    public const string Thai = "การทบทวนรวดเร็ว";
    public const string Arabic = "المراجعة كانت سريعة";
    public const string Hebrew = "הסקירה הייתה מהירה";

    static readonly DateTimeOffset Ended = new(2026, 11, 27, 10, 55, 0, TimeSpan.Zero);
    static readonly Guid Tenant = Guid.Parse("5d7c1c55-0000-4000-8000-000000000015");

    public static MeetingCompleted Retrospective() => new()
    {
        TenantId = Tenant,
        MeetingId = Guid.Parse("5d7c1c55-0000-4000-8000-0000000000a1"),
        Kind = MeetingKind.Retrospective,
        Title = "Sprint 43 🌍",
        Team = "Global Platform",
        StartedAt = Ended.AddMinutes(-50),
        EndedAt = Ended,
        Facilitator = "Priya Sharma",
        Participants = ["Priya Sharma", "Somchai Wong", "Layla Haddad", "Noa Levi", "山田太郎"],
        Columns =
        [
            new RetroColumn
            {
                Name = "Went well 🎉",
                Cards =
                [
                    new RetroCard { Text = $"Fast reviews {Rocket} {Technologist} {RaisingHand} {ThumbsUpMediumSkin} {Flag}", Votes = 5 },
                    new RetroCard { Text = $"हिन्दी: {Hindi}", Votes = 4 },
                    new RetroCard { Text = $"ไทย: {Thai}", Votes = 3 },
                ],
            },
            new RetroColumn
            {
                Name = "To improve",
                Cards =
                [
                    new RetroCard { Text = $"{Arabic} في الإصدار 2", Votes = 2 },
                    new RetroCard { Text = $"Deploy {Hebrew} v3 then", Votes = 1 },
                    new RetroCard { Text = "日本語のレビュー · 한국어 회고", Votes = 0 },
                ],
            },
        ],
        ActionItems =
        [
            new ActionItem { Text = $"Document the {Rocket} release train", Owner = "Noa Levi", DueDate = new DateOnly(2026, 12, 4) },
            new ActionItem { Text = "Translate the runbook ✅", Owner = "Layla Haddad", Done = true },
        ],
    };

    public static MeetingCompleted HealthCheck() => new()
    {
        TenantId = Tenant,
        MeetingId = Guid.Parse("5d7c1c55-0000-4000-8000-0000000000b2"),
        Kind = MeetingKind.HealthCheck,
        Title = "Team health Q4",
        Team = "Global Platform",
        StartedAt = Ended.AddMinutes(-30),
        EndedAt = Ended,
        Facilitator = "Priya Sharma",
        Participants = ["Priya Sharma", "Somchai Wong", "Layla Haddad", "Noa Levi"],
        Dimensions =
        [
            new HealthDimension { Name = "Speed 🚀", Score = 4.5m, Trend = HealthTrend.Up, Comments = ["Reviews within a day", $"{Hindi}"] },
            new HealthDimension { Name = "Codebase health", Score = 3.2m, Trend = HealthTrend.Steady, Comments = [$"{Arabic}"] },
            new HealthDimension { Name = "Fun", Score = 1.8m, Trend = HealthTrend.Down, Comments = ["Too many late pages 😩"] },
            new HealthDimension { Name = "Learning", Score = 4.0m, Trend = HealthTrend.Up, Comments = [] },
        ],
        ActionItems = [new ActionItem { Text = "Book a fix-it day", Owner = "Noa Levi" }],
    };

    /// <summary>One card in a retrospective that is otherwise <see cref="Retrospective"/>.</summary>
    public static MeetingCompleted WithCard(string text) => Retrospective() with
    {
        Columns = [new RetroColumn { Name = "Only", Cards = [new RetroCard { Text = text, Votes = 1 }] }],
    };
}
