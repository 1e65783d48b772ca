namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>Step names as stored in the saga and shown to admins: each is its command's type name; and the queue of each step's consumer.</summary>
public static class PublicationSteps
{
    public const string Validate = "Validate";
    public const string ResolveSpace = "ResolveSpace";
    public const string EnsureParentPage = "EnsureParentPage";
    public const string PublishReportPage = "PublishReportPage";
    public const string UploadReportPdf = "UploadReportPdf";
    public const string MarkReportIncomplete = "MarkReportIncomplete";

    public static class Queues
    {
        public const string ResolveSpaceName = "resolve-space";
        public const string EnsureParentPageName = "ensure-parent-page";
        public const string PublishReportPageName = "publish-report-page";
        public const string UploadReportPdfName = "upload-report-pdf";
        public const string MarkReportIncompleteName = "mark-report-incomplete";
        public const string SagaName = "report-publication";

        /// <summary>The queue of the step named <paramref name="step"/> (its command's type name).</summary>
        public static string NameFor(string step) => step switch
        {
            PublicationSteps.ResolveSpace => ResolveSpaceName,
            PublicationSteps.EnsureParentPage => EnsureParentPageName,
            PublicationSteps.PublishReportPage => PublishReportPageName,
            PublicationSteps.UploadReportPdf => UploadReportPdfName,
            PublicationSteps.MarkReportIncomplete => MarkReportIncompleteName,
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "Not a step with a queue."),
        };

        public static readonly Uri ResolveSpace = new($"queue:{ResolveSpaceName}");
        public static readonly Uri EnsureParentPage = new($"queue:{EnsureParentPageName}");
        public static readonly Uri PublishReportPage = new($"queue:{PublishReportPageName}");
        public static readonly Uri UploadReportPdf = new($"queue:{UploadReportPdfName}");
        public static readonly Uri MarkReportIncomplete = new($"queue:{MarkReportIncompleteName}");
    }
}
