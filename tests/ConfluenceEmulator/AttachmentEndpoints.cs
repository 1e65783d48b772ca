namespace TeamRetro.Confluence.Emulator;

/// <summary>
/// Attachments of a page, per product:
/// - both: POST …/child/attachment adds a new attachment, 400 when the page has one with that file name (v1 spec
///   createAttachment); GET …/child/attachment?filename= finds one (getAttachments); POST …/child/attachment/{attachmentId}/data
///   adds a version (updateAttachmentData; DC REST reference updateData).
/// - Cloud only: PUT …/child/attachment creates or adds a version (createOrUpdateAttachments). Data Center and Server
///   answer that PUT with 405 (atlassian-python-api#1660, sooperset/mcp-atlassian#1440, iamjackg/md2cf#18).
/// Uploads demand the XSRF header <c>X-Atlassian-Token: nocheck</c> (or <c>no-check</c>) and the multipart parts
/// <c>file</c> and <c>minorEdit</c>, like Confluence.
/// </summary>
internal static class AttachmentEndpoints
{
    public static void MapAttachments(this RouteGroupBuilder api, EmulatorState state, EmulatorOptions options)
    {
        api.MapPost("/content/{id}/child/attachment", (HttpContext http, string id) => Upload(http, id, state, createOnly: true)).DisableAntiforgery();
        if (options.Product == EmulatedProduct.Cloud)
        {
            api.MapPut("/content/{id}/child/attachment", (HttpContext http, string id) => Upload(http, id, state, createOnly: false)).DisableAntiforgery();
        }
        else
        {
            api.MapPut("/content/{id}/child/attachment", (HttpContext http) =>
            {
                http.Response.Headers.Allow = "GET, POST";
                return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
            });
        }

        api.MapPost("/content/{id}/child/attachment/{attachmentId}/data", (HttpContext http, string id, string attachmentId) =>
            AddVersion(http, id, attachmentId, state)).DisableAntiforgery();
        api.MapGet("/content/{id}/child/attachment", (string id, string? filename, int? start, int? limit) =>
        {
            var matching = state.AttachmentsOf(id).Where(a => filename is null || a.FileName == filename).ToList();
            var from = Math.Max(0, start ?? 0);
            var page = matching.Skip(from).Take(Math.Clamp(limit ?? 25, 1, options.MaxPageSize)).ToList();
            return Results.Json(new { results = page.Select(Json), start = from, limit = limit ?? 25, size = page.Count });
        });
    }

    public static void MapDownloads(this IEndpointRouteBuilder app, EmulatorState state) =>
        app.MapGet("/download/attachments/{pageId}/{fileName}", (string pageId, string fileName) =>
            state.AttachmentsOf(pageId).FirstOrDefault(a => a.FileName == fileName) is { } a
                ? Results.File(a.Data, a.MediaType, a.FileName)
                : ConfluenceErrors.Error(404, "No such attachment"));

    static Task<IResult> Upload(HttpContext http, string pageId, EmulatorState state, bool createOnly) =>
        Write(http, pageId, state, (s, upload) =>
        {
            var existing = s.Attachments.FirstOrDefault(a => a.PageId == pageId && a.FileName == upload.FileName);
            if (existing is not null && createOnly)
                return ConfluenceErrors.Error(400, $"Cannot add a new attachment with same file name as an existing attachment: {upload.FileName}");
            if (existing is null)
            {
                existing = new EmulatorState.Attachment("att" + s.NextId(), pageId, upload.FileName);
                s.Attachments.Add(existing);
            }

            existing.Versions.Add(upload.Version);
            return Results.Json(new { results = new[] { Json(existing.Snapshot()) }, size = 1 });
        });

    /// <summary>Answers the attachment itself, not a list (DC REST reference updateData; Cloud updateAttachmentData).</summary>
    static Task<IResult> AddVersion(HttpContext http, string pageId, string attachmentId, EmulatorState state) =>
        Write(http, pageId, state, (s, upload) =>
        {
            var existing = s.Attachments.FirstOrDefault(a => a.PageId == pageId && a.Id == attachmentId);
            if (existing is null)
                return ConfluenceErrors.Error(404, $"No attachment with id {attachmentId} on content {pageId}");
            existing.Versions.Add(upload.Version);
            return Results.Json(Json(existing.Snapshot()));
        });

    /// <summary>Reads the upload, checks the page and the user's permission, then writes under the state's lock.</summary>
    static async Task<IResult> Write(HttpContext http, string pageId, EmulatorState state, Func<EmulatorState.StateView, UploadForm, IResult> write)
    {
        var (upload, refused) = await ReadUpload(http);
        if (upload is null)
            return refused!;
        var user = EmulatorAuth.User(http);
        return state.Locked(s => PageProblem(s, pageId, user) ?? write(s, upload));
    }

    sealed record UploadForm(string FileName, EmulatorState.AttachmentVersion Version);

    static async Task<(UploadForm? Form, IResult? Problem)> ReadUpload(HttpContext http)
    {
        if (http.Request.Headers["X-Atlassian-Token"].ToString() is not ("nocheck" or "no-check"))
            return (null, ConfluenceErrors.Error(403, "XSRF check failed"));
        if (!http.Request.HasFormContentType)
            return (null, ConfluenceErrors.Error(400, "Attachments must be sent as multipart/form-data."));
        var form = await http.Request.ReadFormAsync();
        var file = form.Files.GetFile("file");
        if (file is null || string.IsNullOrEmpty(file.FileName))
            return (null, ConfluenceErrors.Error(400, "No file part named 'file' was sent."));
        if (!bool.TryParse(form["minorEdit"].ToString(), out _))
            return (null, ConfluenceErrors.Error(400, "The part 'minorEdit' (true or false) is required."));

        using var data = new MemoryStream();
        await file.CopyToAsync(data);
        var comment = form["comment"].ToString();
        return (new UploadForm(file.FileName,
            new EmulatorState.AttachmentVersion(data.ToArray(), file.ContentType ?? "application/octet-stream", comment.Length > 0 ? comment : null)), null);
    }

    static IResult? PageProblem(EmulatorState.StateView s, string pageId, string user)
    {
        var page = s.Pages.FirstOrDefault(p => p.Id == pageId);
        if (page is null)
            return ConfluenceErrors.Error(404, $"No content found with id: {pageId}");
        return EmulatorAuth.CanWrite(s, user, page.SpaceKey)
            ? null
            : ConfluenceErrors.Error(403, $"User {user} does not have permission to add attachments to {pageId}");
    }

    static object Json(AttachmentSnapshot a) => new
    {
        id = a.Id,
        type = "attachment",
        status = "current",
        title = a.FileName,
        version = new { number = a.Version },
        metadata = new { mediaType = a.MediaType, comment = a.Comment },
        extensions = new { fileSize = a.Data.Length, mediaType = a.MediaType, comment = a.Comment },
        _links = new { download = $"/download/attachments/{a.PageId}/{Uri.EscapeDataString(a.FileName)}" },
    };
}
