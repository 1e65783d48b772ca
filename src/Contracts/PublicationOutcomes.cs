namespace TeamRetro.Confluence.Contracts;

public sealed record ReportPublished(
    Guid PublicationId,
    Guid TenantId,
    Guid MeetingId,
    string PageId,
    int PageVersion,
    string? PageUrl,
    string AttachmentId);

public sealed record ReportPublicationFailed(
    Guid PublicationId,
    Guid TenantId,
    Guid MeetingId,
    string Step,
    string Reason);
