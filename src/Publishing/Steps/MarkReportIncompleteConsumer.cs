using System.Net;
using System.Security.Cryptography;
using System.Text;
using MassTransit;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Publishing.Steps;

/// <summary>
/// Compensation for a PDF that failed for good: the published page gets a visible warning that its PDF is missing,
/// instead of a broken preview. A replay later republishes the clean page and the PDF.
/// Only the page the saga row holds is touched, and only while its last version is ours for this meeting
/// (<see cref="ReportVersionMessage"/>): space, page, title, reason and meeting come from the row, not from the command.
/// </summary>
public sealed class MarkReportIncompleteConsumer(ConfluenceSiteResolver sites, ConfluenceClient confluence, ReportPageRenderer renderer,
    ILoadSagaRepository<ReportPublication> sagas, StepLease lease, ILogger<MarkReportIncompleteConsumer> logger) : IConsumer<MarkReportIncomplete>
{
    public async Task Consume(ConsumeContext<MarkReportIncomplete> context)
    {
        var ct = context.CancellationToken;
        // The saga sends this only after the PDF failed for good on a published page; a replay clears FailedStep.
        var saga = await StepPublication.Load(sagas, context.Message.PublicationId, context.Message.TenantId, PublicationSteps.MarkReportIncomplete,
            s => s.FailedStep == PublicationSteps.UploadReportPdf && s.PageId is not null && s.PageTitle is not null && s.SpaceKey is not null,
            logger, ct);
        if (saga is null)
            return;
        await using var held = await lease.Hold(saga, ct);
        // The command as the saga sends it now: its SpaceKey, PageId, PageTitle, Reason and Meeting fields are not used.
        var command = PublicationCommands.MarkReportIncomplete(saga);
        var (integration, site) = await sites.Resolve(command.TenantId, ct);
        var rendered = renderer.Render(command.Meeting, ReportPdfRenderer.FileName, integration.TemplateFor(command.Meeting.Kind), integration.TitlePattern);
        var body = Notice(command.Reason) + rendered.StorageXml;
        var bodySha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));

        var page = await confluence.FindPage(site, command.SpaceKey, command.PageTitle, ct);
        if (page is null || page.Id != command.PageId)
            throw new PublicationFailedException($"The report page '{command.PageTitle}' is no longer in space {command.SpaceKey}.", isPermanent: true);
        if (!ReportVersionMessage.IsFor(page.VersionMessage, command.Meeting.MeetingId))
            throw new PublicationFailedException(
                $"The report page '{command.PageTitle}' was edited after TeamRetro published it, so it was not marked as incomplete.", isPermanent: true);

        if (ReportVersionMessage.BodyHashOf(page.VersionMessage) != bodySha256)
            page = await confluence.UpdatePage(site, new PageUpdate(page.Id, page.Title, body, page.Version + 1, ReportVersionMessage.For(bodySha256, command.Meeting.MeetingId)), ct);

        await context.Publish(new ReportMarkedIncomplete(command.PublicationId, page.Version));
    }

    internal static string Notice(string reason) =>
        "<ac:structured-macro ac:name=\"warning\"><ac:parameter ac:name=\"title\">The PDF summary is missing</ac:parameter><ac:rich-text-body><p>"
        + WebUtility.HtmlEncode(StorageFormat.Clean(reason))
        + " An administrator can replay this publication once the cause is fixed.</p></ac:rich-text-body></ac:structured-macro>";
}
