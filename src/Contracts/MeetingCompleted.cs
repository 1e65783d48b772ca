namespace TeamRetro.Confluence.Contracts;

/// <summary>
/// Published by the retro service when a meeting ends. The whole meeting travels in the event so a publication
/// can be rendered (and replayed) without calling the retro service back.
/// </summary>
public sealed record MeetingCompleted
{
    public Guid TenantId { get; init; }
    public Guid MeetingId { get; init; }
    public MeetingKind Kind { get; init; }
    public string Title { get; init; } = "";
    public string Team { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset EndedAt { get; init; }
    public string Facilitator { get; init; } = "";
    public IReadOnlyList<string> Participants { get; init; } = [];
    public IReadOnlyList<RetroColumn> Columns { get; init; } = [];
    public IReadOnlyList<ActionItem> ActionItems { get; init; } = [];
    public IReadOnlyList<HealthDimension> Dimensions { get; init; } = [];
}

public enum MeetingKind
{
    Retrospective = 0,
    HealthCheck = 1,
}

public sealed record RetroColumn
{
    public string Name { get; init; } = "";
    public IReadOnlyList<RetroCard> Cards { get; init; } = [];
}

public sealed record RetroCard
{
    public string Text { get; init; } = "";
    public int Votes { get; init; }
    public string? Author { get; init; }
    /// <summary>Cards merged into a group by the team share a group name.</summary>
    public string? Group { get; init; }
}

public sealed record ActionItem
{
    public string Text { get; init; } = "";
    public string? Owner { get; init; }
    public DateOnly? DueDate { get; init; }
    public bool Done { get; init; }
}

public sealed record HealthDimension
{
    public string Name { get; init; } = "";
    /// <summary>Average score, 1 (worst) to 5 (best).</summary>
    public decimal Score { get; init; }
    public HealthTrend Trend { get; init; }
    public IReadOnlyList<string> Comments { get; init; } = [];
}

public enum HealthTrend
{
    Unknown = 0,
    Up = 1,
    Steady = 2,
    Down = 3,
}
