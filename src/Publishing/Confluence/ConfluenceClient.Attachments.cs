using System.Net;
using System.Net.Http.Headers;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>
/// Attachments, v1 on every product (v2 has no upload). Cloud creates or versions with one PUT; Data Center has no such
/// PUT (405: atlassian-python-api#1660, sooperset/mcp-atlassian#1440), so there the PDF is created with POST and versioned
/// with POST …/{attachmentId}/data. Either way a retry never adds a second attachment and never fails on "same file name".
/// </summary>
public sealed partial class ConfluenceClient
{
    /// <param name="knownAttachmentId">The attachment an earlier upload made, if any: on Data Center it is versioned directly.</param>
    public Task<ConfluenceAttachment> UploadAttachment(ConfluenceSite site, AttachmentUpload upload, string? knownAttachmentId, CancellationToken ct) =>
        site.Product == ConfluenceProduct.Cloud ? CloudPutAttachment(site, upload, ct) : DataCenterUpload(site, upload, knownAttachmentId, ct);

    async Task<ConfluenceAttachment> CloudPutAttachment(ConfluenceSite site, AttachmentUpload upload, CancellationToken ct)
    {
        var result = await SendUpload<V1Page<V1Attachment>>(site, HttpMethod.Put, AttachmentsPath(upload.PageId), upload, ct);
        return ToAttachment(upload, result.Results.Count > 0 ? result.Results[0] : null);
    }

    async Task<ConfluenceAttachment> DataCenterUpload(ConfluenceSite site, AttachmentUpload upload, string? knownAttachmentId, CancellationToken ct)
    {
        if (knownAttachmentId is not null)
        {
            try
            {
                return await AddAttachmentVersion(site, upload, knownAttachmentId, ct);
            }
            catch (ConfluenceApiException e) when (e.Status == HttpStatusCode.NotFound)
            {
                // Deleted by someone since our last upload: create it again below (a deleted page fails there with its reason).
            }
        }

        try
        {
            var created = await SendUpload<V1Page<V1Attachment>>(site, HttpMethod.Post, AttachmentsPath(upload.PageId), upload, ct);
            return ToAttachment(upload, created.Results.Count > 0 ? created.Results[0] : null);
        }
        catch (ConfluenceApiException e) when (e.IsDuplicateFileName)
        {
            // Already there: an earlier attempt whose answer was lost, or an upload from before we knew its id.
            var existing = await FindAttachment(site, upload.PageId, upload.FileName, ct)
                ?? throw new PublicationFailedException(
                    $"Uploading '{upload.FileName}': Confluence says the page has it but does not list it; retrying.", isPermanent: false, e);
            return await AddAttachmentVersion(site, upload, existing, ct);
        }
    }

    async Task<ConfluenceAttachment> AddAttachmentVersion(ConfluenceSite site, AttachmentUpload upload, string attachmentId, CancellationToken ct)
    {
        var path = $"{AttachmentsPath(upload.PageId)}/{Uri.EscapeDataString(attachmentId)}/data";
        return ToAttachment(upload, await SendUpload<V1Attachment>(site, HttpMethod.Post, path, upload, ct));
    }

    /// <summary>The id of the page's attachment with exactly this file name, or null when it has none.</summary>
    async Task<string?> FindAttachment(ConfluenceSite site, string pageId, string fileName, CancellationToken ct)
    {
        var path = $"{AttachmentsPath(pageId)}?filename={Uri.EscapeDataString(fileName)}";
        var found = await Send<V1Page<V1Attachment>>(site, HttpMethod.Get, path, null, $"Finding '{fileName}'", ct);
        var matches = found.Results.Where(a => a.Title == fileName).ToList();
        return matches.Count <= 1
            ? matches.FirstOrDefault()?.Id
            : throw new PublicationFailedException(
                $"Page {pageId} has {matches.Count} attachments named '{fileName}'; delete all but one in Confluence and replay.", isPermanent: true);
    }

    Task<T> SendUpload<T>(ConfluenceSite site, HttpMethod method, string path, AttachmentUpload upload, CancellationToken ct)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(upload.Content);
        file.Headers.ContentType = new MediaTypeHeaderValue(upload.MediaType);
        form.Add(file, "file", upload.FileName);
        form.Add(new StringContent("true"), "minorEdit"); // watchers are not notified of every republish
        form.Add(new StringContent(upload.Comment), "comment");
        // Atlassian documents both "nocheck" and "no-check"; Data Center's REST reference uses "no-check".
        return Send<T>(site, method, path, form, $"Uploading '{upload.FileName}'", ct, request => request.Headers.Add("X-Atlassian-Token", "no-check"));
    }

    static string AttachmentsPath(string pageId) => $"rest/api/content/{Uri.EscapeDataString(pageId)}/child/attachment";

    static ConfluenceAttachment ToAttachment(AttachmentUpload upload, V1Attachment? attachment) =>
        attachment is { Id.Length: > 0 }
            ? new ConfluenceAttachment(attachment.Id, attachment.Title, attachment.Version?.Number ?? 1)
            : throw new PublicationFailedException($"Uploading '{upload.FileName}': Confluence answered without the attachment.", isPermanent: false);
}
