using System.Globalization;

namespace TeamRetro.Confluence.Emulator;

/// <summary>
/// Each product's rate-limit headers. Cloud (developer.atlassian.com/cloud/confluence/rate-limiting): Retry-After in
/// seconds, X-RateLimit-Limit/-Remaining/-Reset (ISO 8601)/-NearLimit and RateLimit-Reason. Data Center ("Improving
/// instance stability with rate limiting", confluence.atlassian.com): Retry-After, X-RateLimit-Limit, -Remaining,
/// -Interval-Seconds and -FillRate of the user's token bucket.
/// </summary>
internal static class RateLimitHeaders
{
    public const string CloudTenantQuota = "confluence-quota-tenant-based";

    public static void Cloud(HttpResponse response, TimeSpan retryAfter, string reason = CloudTenantQuota)
    {
        response.Headers.RetryAfter = Seconds(retryAfter);
        response.Headers["X-RateLimit-Limit"] = "100";
        response.Headers["X-RateLimit-Remaining"] = "0";
        response.Headers["X-RateLimit-NearLimit"] = "true";
        response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.Add(retryAfter).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        response.Headers["RateLimit-Reason"] = reason;
    }

    public static void DataCenter(HttpResponse response, DataCenterRateLimit limit, int remaining, TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
            response.Headers.RetryAfter = Seconds(wait);
        response.Headers["X-RateLimit-Limit"] = limit.Capacity.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Interval-Seconds"] = Seconds(limit.Interval);
        response.Headers["X-RateLimit-FillRate"] = limit.FillRate.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Whole seconds, rounded up (Data Center says 0 while tokens remain).</summary>
    public static string Seconds(TimeSpan wait) => Math.Max(0, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Data Center's token bucket per user: every answer says what is left; an empty bucket answers 429 until the next refill.</summary>
internal sealed class DataCenterRateLimiter(DataCenterRateLimit limit, TimeProvider time)
{
    readonly object gate = new();
    readonly Dictionary<string, (double Tokens, DateTimeOffset Filled)> buckets = new(StringComparer.Ordinal);

    /// <returns>null when the call may go ahead, otherwise how long until the bucket has a token again.</returns>
    public TimeSpan? Take(string user, HttpResponse response)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var (tokens, filled) = buckets.TryGetValue(user, out var b) ? b : (limit.Capacity, now);
            var intervals = Math.Floor((now - filled) / limit.Interval);
            if (intervals > 0)
            {
                tokens = Math.Min(limit.Capacity, tokens + intervals * limit.FillRate);
                filled += limit.Interval * intervals;
            }

            if (tokens < 1)
            {
                buckets[user] = (tokens, filled);
                return filled + limit.Interval - now;
            }

            buckets[user] = (tokens - 1, filled);
            RateLimitHeaders.DataCenter(response, limit, (int)(tokens - 1), retryAfter: null);
            return null;
        }
    }
}
