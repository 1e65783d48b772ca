namespace TeamRetro.Confluence.Emulator;

/// <summary>
/// Error bodies shaped like Confluence's. v1 (both products): statusCode, data, message, reason. Cloud's v2:
/// {"errors":[{"status","code","title","detail"}]} (hunyadi/md2conf#149).
/// </summary>
internal static class ConfluenceErrors
{
    public static IResult Error(int status, string message) =>
        Results.Json(new
        {
            statusCode = status,
            data = new { authorized = status is not (401 or 403), valid = status != 400, errors = Array.Empty<object>(), successful = false },
            message,
            reason = ReasonPhrase(status),
        }, statusCode: status);

    /// <summary>Written with <c>"detail": null</c> as Cloud does (the app's JSON options leave nulls out).</summary>
    public static IResult V2(int status, string code, string title) =>
        Results.Json(new { errors = new[] { new { status, code, title, detail = (string?)null } } }, V2Json, statusCode: status);

    static readonly System.Text.Json.JsonSerializerOptions V2Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The shape of the API generation the request was made to.</summary>
    public static IResult For(HttpContext http, int status, string message) =>
        http.Request.Path.Value?.Contains("/api/v2/", StringComparison.Ordinal) == true ? V2(status, V2Code(status), message) : Error(status, message);

    static string V2Code(int status) => status switch
    {
        400 => "BAD_REQUEST",
        401 => "UNAUTHORIZED",
        403 => "FORBIDDEN",
        404 => "NOT_FOUND",
        409 => "CONFLICT",
        413 => "REQUEST_ENTITY_TOO_LARGE",
        429 => "TOO_MANY_REQUESTS",
        503 => "SERVICE_UNAVAILABLE",
        _ => "INTERNAL_SERVER_ERROR",
    };

    static string ReasonPhrase(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        413 => "Request Entity Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Error",
    };
}
