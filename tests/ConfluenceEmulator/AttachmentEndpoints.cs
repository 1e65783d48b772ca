namespace TeamRetro.Confluence.Emulator;

/// <summary>
/// POST adds a new attachment (400 if the page already has one with that file name); PUT creates it or adds a new
/// version of it. Both demand the XSRF header <c>X-Atlassian-Token: nocheck</c>, like Confluence.
/// </summary>
internal static class AttachmentEndpoints
{
    public static void MapAttachments(this RouteGroupBuilder api, EmulatorState state)
    {
        api.MapPost("/content/{id}/child/attachment", (HttpContext http, string id) => Upload(http, id, state, createOnly: true)).DisableAntiforgery();
        api.MapPut("/content/{id}/child/attachment", (HttpContext http, string id) => Upload(http, id, state, createOnly: false)).DisableAntiforgery();
        api.MapGet("/content/{id}/child/attachment", (string id) =>
            Results.Json(new { results = state.AttachmentsOf(id).Select(Json), size = state.AttachmentsOf(id).Count }));
    }

    public static void MapDownloads(this IEndpointRouteBuilder app, EmulatorState state) =>
        app.MapGet("/download/attachments/{pageId}/{fileName}", (string pageId, string fileName) =>
            state.AttachmentsOf(pageId).FirstOrDefault(a => a.FileName == fileName) is { } a
                ? Results.File(a.Data, a.MediaType, a.FileName)
                : ConfluenceErrors.Error(404, "No such attachment"));

    static async Task<IResult> Upload(HttpContext http, string pageId, EmulatorState state, bool createOnly)
    {
        var token = http.Request.Headers["X-Atlassian-Token"].ToString();
        if (token is not ("nocheck" or "no-check"))
            return ConfluenceErrors.Error(403, "XSRF check failed");
        if (!http.Request.HasFormContentType)
            return ConfluenceErrors.Error(400, "Attachments must be sent as multipart/form-data.");
        var form = await http.Request.ReadFormAsync();
        var file = form.Files.GetFile("file");
        if (file is null || string.IsNullOrEmpty(file.FileName))
            return ConfluenceErrors.Error(400, "No file part named 'file' was sent.");
        using var data = new MemoryStream();
        await file.CopyToAsync(data);
        var comment = form["comment"].ToString();
        var user = EmulatorAuth.User(http);

        return state.Read(s =>
        {
            var page = s.Pages.FirstOrDefault(p => p.Id == pageId);
            if (page is null)
                return ConfluenceErrors.Error(404, $"No content found with id: {pageId}");
            if (!EmulatorAuth.CanWrite(s, user, page.SpaceKey))
                return ConfluenceErrors.Error(403, $"User {user} does not have permission to add attachments to {pageId}");

            var existing = s.Attachments.FirstOrDefault(a => a.PageId == pageId && a.FileName == file.FileName);
            if (existing is not null && createOnly)
                return ConfluenceErrors.Error(400, $"Cannot add a new attachment with same file name as an existing attachment: {file.FileName}");
            if (existing is null)
            {
                existing = new EmulatorState.Attachment("att" + s.NextId(), pageId, file.FileName);
                s.Attachments.Add(existing);
            }

            existing.Versions.Add(new EmulatorState.AttachmentVersion(data.ToArray(), file.ContentType ?? "application/octet-stream", comment.Length > 0 ? comment : null));
            var snapshot = existing.Snapshot();
            return Results.Json(new { results = new[] { Json(snapshot) }, size = 1 });
        });
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
