namespace TeamRetro.Confluence.Emulator;

/// <summary>Error bodies shaped like Confluence's: statusCode, data, message, reason.</summary>
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

    static string ReasonPhrase(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        413 => "Request Entity Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Error",
    };
}
