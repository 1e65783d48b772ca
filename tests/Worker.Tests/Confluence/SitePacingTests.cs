using System.Globalization;
using TeamRetro.Confluence.Publishing.Confluence;

namespace TeamRetro.Confluence.Worker.Tests.Confluence;

/// <summary>Cloud's quota headers (developer.atlassian.com/cloud/confluence/rate-limiting) pace calls before a 429.</summary>
public sealed class SitePacingTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 14, 30, 0, TimeSpan.Zero);

    static HttpResponseMessage Answer(string? nearLimit, int? remaining, int? limit, DateTimeOffset? reset)
    {
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        if (nearLimit is not null)
            response.Headers.Add("X-RateLimit-NearLimit", nearLimit);
        if (remaining is not null)
            response.Headers.Add("X-RateLimit-Remaining", remaining.Value.ToString(CultureInfo.InvariantCulture));
        if (limit is not null)
            response.Headers.Add("X-RateLimit-Limit", limit.Value.ToString(CultureInfo.InvariantCulture));
        if (reset is not null)
            response.Headers.Add("X-RateLimit-Reset", reset.Value.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
        return response;
    }

    [Fact]
    public void Near_the_limit_the_points_left_are_spread_evenly_until_the_reset()
    {
        using var answer = Answer("true", remaining: 60, limit: 1000, reset: Now.AddMinutes(30));

        Assert.Equal(TimeSpan.FromSeconds(30), SiteBackoffHandler.PacingWait(answer, Now));
    }

    [Fact]
    public void Under_a_tenth_left_paces_even_without_the_near_limit_flag()
    {
        using var answer = Answer(null, remaining: 9, limit: 100, reset: Now.AddMinutes(3));

        Assert.Equal(TimeSpan.FromSeconds(20), SiteBackoffHandler.PacingWait(answer, Now));
    }

    [Theory]
    [InlineData("false", 500, 1000)] // plenty left
    [InlineData(null, 50, 100)]
    public void With_quota_to_spare_nothing_is_paced(string? nearLimit, int remaining, int limit)
    {
        using var answer = Answer(nearLimit, remaining, limit, Now.AddMinutes(30));

        Assert.Null(SiteBackoffHandler.PacingWait(answer, Now));
    }

    [Fact]
    public void Data_centers_bucket_headers_without_a_reset_time_pace_nothing()
    {
        using var answer = Answer(null, remaining: 0, limit: 20, reset: null);

        Assert.Null(SiteBackoffHandler.PacingWait(answer, Now));
    }
}
