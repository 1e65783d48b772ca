using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Api.Publications;

public sealed record PublicationSummary(Guid Id, Guid TenantId, Guid MeetingId, MeetingKind Kind, string MeetingTitle, string State,
    string? FailedStep, string? LastError, string? PageUrl, DateTimeOffset UpdatedAt)
{
    public static PublicationSummary Of(ReportPublication p) =>
        new(p.CorrelationId, p.TenantId, p.MeetingId, p.MeetingKind, p.MeetingTitle, p.CurrentState, p.FailedStep, p.LastError, p.PageUrl, p.UpdatedAt);
}

public sealed record PublicationDetail(PublicationSummary Summary, string? CurrentStep, int Attempts, int ReplayCount, string? SpaceKey,
    string? PageId, string? PageTitle, int? PageVersion, string? AttachmentId, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt,
    IReadOnlyList<PublicationEvent> History);

public sealed record PublicationPage(IReadOnlyList<PublicationSummary> Items, string? Next);

public sealed record BulkReplayResult(int Queued, bool MoreRemain);
