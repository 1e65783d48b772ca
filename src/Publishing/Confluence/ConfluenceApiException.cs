using System.Net;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>Confluence answered with an error. The message is Confluence's own, never our request or credentials.</summary>
public sealed class ConfluenceApiException(HttpStatusCode status, string operation, string confluenceMessage, TimeSpan? retryAfter = null,
    string? siteKey = null)
    : PublicationFailedException(Describe(status, operation, confluenceMessage), ConfluenceErrorTable.IsPermanent(status))
{
    public HttpStatusCode Status { get; } = status;
    public string ConfluenceMessage { get; } = confluenceMessage;
    public TimeSpan? RetryAfter { get; } = retryAfter;
    /// <summary>The site that answered (<see cref="SiteBackoff.KeyOf"/>).</summary>
    public string? SiteKey { get; } = siteKey;

    /// <summary>Confluence could not take the call now (<see cref="ConfluenceErrorTable.IsUnavailable"/>): the step waits, then runs again.</summary>
    public bool IsUnavailable => ConfluenceErrorTable.IsUnavailable(Status);

    public bool IsDuplicateTitle =>
        Status == HttpStatusCode.BadRequest && ConfluenceMessage.Contains("title already exists", StringComparison.OrdinalIgnoreCase);

    /// <summary>POST …/child/attachment for a file name the page already has (v1 spec createAttachment; both products).</summary>
    public bool IsDuplicateFileName =>
        Status == HttpStatusCode.BadRequest && ConfluenceMessage.Contains("same file name", StringComparison.OrdinalIgnoreCase);

    public bool IsStaleVersion => Status == HttpStatusCode.Conflict;

    static string Describe(HttpStatusCode status, string operation, string message) =>
        $"{operation} failed: Confluence answered {(int)status} {status}{(message.Length > 0 ? $": {message.TrimEnd('.')}" : "")}. {ConfluenceErrorTable.Advice(status)}".TrimEnd();
}
