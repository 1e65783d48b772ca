using System.Text.Json;

namespace TeamRetro.Confluence.Emulator;

/// <summary>What a request's body is made of, for the journal: field paths of JSON, part names of multipart. Never values.</summary>
internal static class RequestShape
{
    /// <returns>Complete false for a body that could not be read (the client went away mid-request): the journal still records the call.</returns>
    public static async Task<(IReadOnlyList<string>? Json, IReadOnlyList<string>? Multipart, bool Complete)> Read(HttpRequest request)
    {
        try
        {
            var (json, multipart) = await ReadShape(request);
            return (json, multipart, true);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidDataException or BadHttpRequestException)
        {
            return (null, null, false);
        }
    }

    static async Task<(IReadOnlyList<string>? Json, IReadOnlyList<string>? Multipart)> ReadShape(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted); // cached: the endpoint reads the same form
            return (null, form.Keys.Concat(form.Files.Select(f => f.Name)).Distinct(StringComparer.Ordinal).ToList());
        }

        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
            return (null, null);
        request.EnableBuffering();
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return (Contracts.ContractRequest.JsonFieldPaths(json.RootElement), null);
        }
        catch (JsonException)
        {
            return ([], null);
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
