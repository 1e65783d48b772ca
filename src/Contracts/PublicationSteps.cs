namespace TeamRetro.Confluence.Contracts;

// One command per step, each answered by a past-tense event. Every message carries the publication id,
// which is the saga's correlation id.
// Bounded trust (docs/security.md): PublishReportPage, UploadReportPdf and MarkReportIncomplete are executed with the
// locations and meeting the saga row of PublicationId holds; their other fields stay in the wire format (the saga
// still fills them, older workers read them) but the current worker does not use them.

public sealed record ResolveSpace(Guid PublicationId, Guid TenantId, MeetingKind Kind);

public sealed record SpaceResolved(Guid PublicationId, string SpaceKey, string ParentPageTitle);

public sealed record EnsureParentPage(Guid PublicationId, Guid TenantId, string SpaceKey, string ParentPageTitle);

public sealed record ParentPageEnsured(Guid PublicationId, string ParentPageId);

/// <param name="KnownPageId">The page this publication created earlier, if any: it is updated, never duplicated.</param>
/// <param name="KnownPageTitle">The title the known page had when last written, to find it again if the title changes.</param>
public sealed record PublishReportPage(
    Guid PublicationId,
    Guid TenantId,
    string SpaceKey,
    string ParentPageId,
    string? KnownPageId,
    string? KnownPageTitle,
    MeetingCompleted Meeting);

public sealed record ReportPagePublished(Guid PublicationId, string PageId, string Title, int Version, string? WebUrl);

/// <param name="KnownPdfSha256">Hash of the PDF this publication uploaded last: an unchanged PDF is not uploaded again.</param>
public sealed record UploadReportPdf(
    Guid PublicationId,
    Guid TenantId,
    string PageId,
    string? KnownAttachmentId,
    string? KnownPdfSha256,
    MeetingCompleted Meeting);

public sealed record ReportPdfUploaded(Guid PublicationId, string AttachmentId, string FileName, string Sha256);

/// <summary>
/// Compensation after the PDF failed for good: the page already published gets a visible notice that its PDF is
/// missing, so readers are not left with a broken preview. A later replay renders the clean page again.
/// </summary>
public sealed record MarkReportIncomplete(Guid PublicationId, Guid TenantId, string SpaceKey, string PageId, string PageTitle, string Reason, MeetingCompleted Meeting);

public sealed record ReportMarkedIncomplete(Guid PublicationId, int PageVersion);

/// <summary>Sent by the Api (or an operator) to resume a failed publication from the step that failed.</summary>
public sealed record ReplayPublication(Guid PublicationId);

/// <summary>
/// Sent by the worker's sweeper for a publication that has sat in a step too long: the command was lost (a crash
/// between saving the saga and sending) or is still queued. The saga sends its current step's command again.
/// </summary>
public sealed record RedrivePublication(Guid PublicationId);

/// <summary>
/// Sent by the Api: stop a publication that is failed or still running. A step already talking to Confluence finishes,
/// but nothing follows it. A changed version of the meeting starts a new publication; the same one stays cancelled.
/// </summary>
public sealed record CancelPublication(Guid PublicationId, string CancelledBy);

/// <summary>
/// Published by a step instead of failing when Confluence cannot take the call now (5xx, 429, timeouts, unreachable, a
/// site paused by any worker): the publication waits durably and the step runs again no earlier than
/// <paramref name="NotBefore"/> (Confluence's own Retry-After or the site's shared pause; null when it gave none).
/// </summary>
/// <param name="SiteKey">Which site's pause the publication waits on, so it resumes when that site answers again.</param>
/// <param name="SitePaused">No call was made (the site's shared pause held it): the publication waits for the pause, its own schedule does not advance.</param>
public sealed record StepDeferred(Guid PublicationId, string Step, string Reason, DateTimeOffset? NotBefore, string? SiteKey, bool SitePaused = false);

/// <summary>
/// Sent by the worker's dispatcher when a waiting publication is due, or by the Api for "retry now": the saga runs the
/// step it waits on again. <paramref name="Attempt"/> is the wait it ends (null: whichever), so a late duplicate changes nothing.
/// </summary>
public sealed record ResumePublication(Guid PublicationId, int? Attempt);
