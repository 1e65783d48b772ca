using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Api.Publications;

/// <param name="Waiting">Set while the publication waits on Confluence: until when, why, which attempt.</param>
public sealed record PublicationSummary(Guid Id, Guid TenantId, Guid MeetingId, MeetingKind Kind, string MeetingTitle, string State,
    string? FailedStep, string? LastError, string? PageUrl, DateTimeOffset UpdatedAt, WaitingDescription? Waiting = null)
{
    public static PublicationSummary Of(ReportPublication p) =>
        new(p.CorrelationId, p.TenantId, p.MeetingId, p.MeetingKind, p.MeetingTitle, p.CurrentState, p.FailedStep, p.LastError, p.PageUrl,
            p.UpdatedAt, WaitingDescription.Of(p));
}

/// <param name="SnapshotPurgedAt">When retention cleared the meeting snapshot and the history (then empty); a purged publication cannot be replayed.</param>
public sealed record PublicationDetail(PublicationSummary Summary, string? CurrentStep, int Attempts, int ReplayCount, string? SpaceKey,
    string? PageId, string? PageTitle, int? PageVersion, string? AttachmentId, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt,
    IReadOnlyList<PublicationEvent> History, DateTimeOffset? SnapshotPurgedAt = null);

public sealed record PublicationPage(IReadOnlyList<PublicationSummary> Items, string? Next);

public sealed record BulkReplayResult(int Queued, bool MoreRemain);

public sealed record RetryNowResult(int Resumed);
