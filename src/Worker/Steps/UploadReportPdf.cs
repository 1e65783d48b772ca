using System.Security.Cryptography;
using MassTransit;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Worker.Confluence;
using TeamRetro.Confluence.Worker.Integrations;
using TeamRetro.Confluence.Worker.Rendering;
using Queues = TeamRetro.Confluence.Worker.Publication.PublicationSteps.Queues;

namespace TeamRetro.Confluence.Worker.Steps;

/// <summary>
/// Step 4: the PDF summary as an attachment of the report page, created or given a new version in the way the site's
/// product allows (<see cref="ConfluenceClient.UploadAttachment"/>), so a retry never adds a second attachment; an
/// unchanged PDF (same SHA-256 as last time) is not uploaded again.
/// </summary>
public sealed class UploadReportPdfConsumer(ConfluenceSiteResolver sites, ConfluenceClient confluence, ReportPdfRenderer renderer)
    : IConsumer<UploadReportPdf>
{
    public async Task Consume(ConsumeContext<UploadReportPdf> context)
    {
        var command = context.Message;
        var ct = context.CancellationToken;
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

public sealed class UploadReportPdfConsumerDefinition(IOptions<StepRetryOptions> retry, IOptions<Messaging.InfrastructureRetryOptions> infrastructure)
    : StepConsumerDefinition<UploadReportPdfConsumer>(Queues.UploadReportPdfName, retry, infrastructure);
