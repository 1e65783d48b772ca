using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace TeamRetro.Confluence.Worker.Confluence;

/// <summary>
/// Which HTTP outcomes are retried inside one call. 429 and 503 mean "not processed", so any method may retry.
/// A 5xx or a broken connection on a write is an unknown outcome: the page may exist. Writes are never
/// blind-retried here; the step's message retry re-reads Confluence first and then decides.
/// </summary>
public static class ConfluenceRetryPolicy
{
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var isRead = context.GetRequestMessage()?.Method == HttpMethod.Get;
        if (outcome.Result is { } response)
        {
            return response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                || (isRead && (int)response.StatusCode >= 500);
        }

        return isRead && outcome.Exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException;
    }
}
