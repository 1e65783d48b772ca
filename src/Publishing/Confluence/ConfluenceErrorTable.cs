using System.Net;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>The one place that decides which Confluence answers are worth retrying, and what to tell the admin.</summary>
public static class ConfluenceErrorTable
{
    public static bool IsPermanent(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Conflict => false,            // stale version: re-read and try again
        HttpStatusCode.TooManyRequests => false,     // rate limited: wait and try again
        HttpStatusCode.RequestTimeout => false,
        >= HttpStatusCode.InternalServerError => false,
        _ => true,                                   // 400, 401, 403, 404, 410, 413 ...: retrying changes nothing
    };

    /// <summary>
    /// Confluence is down, overloaded or rate limiting: not the call's fault, so the publication waits durably instead of
    /// failing (a 409 is not here: it is a race the step's own retry settles by reading again).
    /// </summary>
    public static bool IsUnavailable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || status >= HttpStatusCode.InternalServerError;

    /// <summary>The answers that speak for the whole site (it is down or limiting), so every worker pauses calls to it.</summary>
    public static bool PausesSite(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    public static string Advice(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Check the integration's credentials, and that the account may use this space (Confluence answers 401 for both).",
        HttpStatusCode.Forbidden => "The account lacks permission in this space (or the XSRF header was refused).",
        HttpStatusCode.NotFound => "Check the space key and that the page still exists.",
        HttpStatusCode.Gone => "This API endpoint has been removed by Atlassian; switch the integration to the current API profile.",
        HttpStatusCode.RequestEntityTooLarge => "The report is larger than Confluence accepts.",
        HttpStatusCode.TooManyRequests => "Confluence is rate limiting this site; the publication waits and tries again.",
        _ => "",
    };
}
