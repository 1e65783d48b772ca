using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>
/// Which HTTP outcomes are retried inside one call. 429 and 503 mean "not processed", so any method may retry.
/// A 5xx or a broken connection on a write is an unknown outcome: the page may exist. Writes are never
/// blind-retried here; the step's message retry re-reads Confluence first and then decides.
/// With <paramref name="maxWait"/>, a Retry-After longer than it is not waited for inside the call: the step's
/// publication waits durably for it instead (<see cref="Publication.WaitingOptions"/>).
/// </summary>
public static class ConfluenceRetryPolicy
{
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeSpan? maxWait = null)
    {
        var isRead = context.GetRequestMessage()?.Method == HttpMethod.Get;
        if (outcome.Result is { } response)
        {
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                return maxWait is null || RetryAfter(response) is not { } wait || wait <= maxWait;
            return isRead && (int)response.StatusCode >= 500;
        }

        return isRead && outcome.Exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException;
    }

    /// <summary>Retry-After as seconds or as a date, or null when the answer has none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter is { } header ? header.Delta ?? header.Date - DateTimeOffset.UtcNow : null;
}
