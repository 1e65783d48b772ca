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

    public static string Advice(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Check the integration's credentials, and that the account may use this space (Confluence answers 401 for both).",
        HttpStatusCode.Forbidden => "The account lacks permission in this space (or the XSRF header was refused).",
        HttpStatusCode.NotFound => "Check the space key and that the page still exists.",
        HttpStatusCode.Gone => "This API endpoint has been removed by Atlassian; switch the integration to the current API profile.",
        HttpStatusCode.RequestEntityTooLarge => "The report is larger than Confluence accepts.",
        HttpStatusCode.TooManyRequests => "Confluence is rate limiting this site; the publication will be retried.",
        _ => "",
    };
}
