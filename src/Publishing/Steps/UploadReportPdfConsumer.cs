using System.Security.Cryptography;
using MassTransit;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Publishing.Steps;

/// <summary>
/// Step 4: the PDF summary as an attachment of the report page, created or given a new version in the way the site's
/// product allows (<see cref="ConfluenceClient.UploadAttachment"/>), so a retry never adds a second attachment; an
/// unchanged PDF (same SHA-256 as last time) is not uploaded again. The page (the one this publication published),
/// the attachment and the meeting come from the saga row, not from the command (<see cref="StepPublication"/>).
/// </summary>
public sealed class UploadReportPdfConsumer(ConfluenceSiteResolver sites, ConfluenceClient confluence, ReportPdfRenderer renderer,
    ILoadSagaRepository<ReportPublication> sagas, StepLease lease, ILogger<UploadReportPdfConsumer> logger) : IConsumer<UploadReportPdf>
{
    public async Task Consume(ConsumeContext<UploadReportPdf> context)
    {
        var ct = context.CancellationToken;
        var saga = await StepPublication.Load(sagas, context.Message.PublicationId, context.Message.TenantId, PublicationSteps.UploadReportPdf,
            s => s.CurrentStep == PublicationSteps.UploadReportPdf && s.PageId is not null, logger, ct);
        if (saga is null)
            return;
        await using var held = await lease.Hold(saga, ct);
        // The command as the saga sends it now: its PageId, Known* and Meeting fields are not used.
        var command = PublicationCommands.UploadReportPdf(saga);
        var pdf = renderer.Render(command.Meeting, ct);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));

        if (command.KnownAttachmentId is not null && command.KnownPdfSha256 == sha256)
        {
            await context.Publish(new ReportPdfUploaded(command.PublicationId, command.KnownAttachmentId, ReportPdfRenderer.FileName, sha256));
            return;
        }

        var (_, site) = await sites.Resolve(command.TenantId, ct);
        var attachment = await confluence.UploadAttachment(site,
            new AttachmentUpload(command.PageId, ReportPdfRenderer.FileName, "application/pdf", pdf, $"sha256:{sha256} (TeamRetro)"),
            command.KnownAttachmentId, ct);
        await context.Publish(new ReportPdfUploaded(command.PublicationId, attachment.Id, attachment.FileName, sha256));
    }
}
