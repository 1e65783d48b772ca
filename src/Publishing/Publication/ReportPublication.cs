using MassTransit;
using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>Saga state: one row per (tenant, meeting). Everything a replay or the Api needs lives here.</summary>
public sealed class ReportPublication : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    /// <summary>Optimistic-concurrency token: the repository increments it on every save.</summary>
    public int Version { get; set; }
    public string CurrentState { get; set; } = "";

    public Guid TenantId { get; set; }
    public Guid MeetingId { get; set; }
    public MeetingKind MeetingKind { get; set; }
    public string MeetingTitle { get; set; } = "";
    /// <summary>The meeting as last received (JSON), so replays render exactly what was published.</summary>
    public string MeetingJson { get; set; } = "";
    public string MeetingSha256 { get; set; } = "";
    /// <summary>A newer version of the meeting that arrived while a publication was in flight.</summary>
    public string? PendingMeetingJson { get; set; }

    public string? SpaceKey { get; set; }
    public string? ParentPageTitle { get; set; }
    public string? ParentPageId { get; set; }
    public string? PageId { get; set; }
    public string? PageTitle { get; set; }
    public int? PageVersion { get; set; }
    public string? PageUrl { get; set; }
    public string? AttachmentId { get; set; }
    public string? PdfSha256 { get; set; }

    /// <summary>The step being run now, or the one that failed.</summary>
    public string? CurrentStep { get; set; }
    public string? FailedStep { get; set; }
    public string? LastError { get; set; }
    public int Attempts { get; set; }
    public int ReplayCount { get; set; }
    /// <summary>What happened to each step (JSON, newest last): see <see cref="PublicationHistory"/>.</summary>
    public string? History { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? StepStartedAt { get; set; }
    /// <summary>When a step consumer last said it still works on the current step (<see cref="Steps.StepLease"/>); written by consumers only.</summary>
    public DateTimeOffset? StepHeartbeatAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>
    /// When retention (<see cref="Retention.RetentionOptions"/>) cleared the meeting snapshot and the step history; null while
    /// they are kept. The row itself stays: its page, attachment and hashes keep a redelivery on the same page.
    /// </summary>
    public DateTimeOffset? PurgedAt { get; set; }

    // While Waiting (Confluence unavailable or rate limiting): CurrentStep is the step to run again.
    /// <summary>When the dispatcher sends the waiting step again (earlier when its site answers again, or on "retry now").</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// <summary>When the current step first had to wait: the waiting budget counts from here.</summary>
    public DateTimeOffset? WaitingSince { get; set; }
    /// <summary>How many times the current step has waited; the dispatcher's resume names it, so a late duplicate is ignored.</summary>
    public int WaitAttempts { get; set; }
    public string? WaitReason { get; set; }
    /// <summary>The site whose shared pause (<see cref="Confluence.SiteBackoff"/>) the publication waits on.</summary>
    public string? WaitingOnSite { get; set; }
}
