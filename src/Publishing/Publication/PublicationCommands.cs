using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>Builds each step's command from what the saga knows, so a replay sends exactly what a first run would.</summary>
public static class PublicationCommands
{
    public static ResolveSpace ResolveSpace(ReportPublication s) => new(s.CorrelationId, s.TenantId, s.MeetingKind);

    public static EnsureParentPage EnsureParentPage(ReportPublication s) =>
        new(s.CorrelationId, s.TenantId, Required(s.SpaceKey), Required(s.ParentPageTitle));

    public static PublishReportPage PublishReportPage(ReportPublication s) =>
        new(s.CorrelationId, s.TenantId, Required(s.SpaceKey), Required(s.ParentPageId), s.PageId, s.PageTitle, s.Meeting());

    public static UploadReportPdf UploadReportPdf(ReportPublication s) =>
        new(s.CorrelationId, s.TenantId, Required(s.PageId), s.AttachmentId, s.PdfSha256, s.Meeting());

    public static MarkReportIncomplete MarkReportIncomplete(ReportPublication s) =>
        new(s.CorrelationId, s.TenantId, Required(s.SpaceKey), Required(s.PageId), Required(s.PageTitle),
            s.LastError ?? "The PDF summary could not be uploaded.", s.Meeting());

    public static ReportPublished Published(ReportPublication s) =>
        new(s.CorrelationId, s.TenantId, s.MeetingId, Required(s.PageId), s.PageVersion ?? 1, s.PageUrl, Required(s.AttachmentId));

    public static ReportPublicationFailed Failed(ReportPublication s) =>
        new(s.CorrelationId, s.TenantId, s.MeetingId, s.FailedStep ?? "", s.LastError ?? "");

    static string Required(string? value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string name = "") =>
        value ?? throw new InvalidOperationException($"The publication has no {name} yet.");
}
