using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>
/// Every attempt of every call, inside the retry pipeline: a site another worker found down or rate limiting is not
/// called before its pause ends (<see cref="SiteBackoff"/>); then one worker probes it; its answer ends the pause for
/// all, or extends it. Cloud's quota headers pace the calls before Atlassian has to refuse one.
/// </summary>
public sealed class SiteBackoffHandler(ISiteBackoffStore pauses, IOptions<WaitingOptions> waiting, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(AllowListHandler.SiteKey, out var site))
            return await base.SendAsync(request, cancellationToken);

        var siteKey = SiteBackoff.KeyOf(site);
        var pause = await pauses.Current(SiteBackoff.KeysFor(site), cancellationToken);
        var now = clock.GetUtcNow();
        var probing = false;
        if (pause is not null && pause.Until > now)
            throw new ConfluenceUnavailableException(pause.SiteKey,
                $"Calls to Confluence at {site.Root.Host} are paused until {pause.Until:HH:mm:ss} UTC: {pause.Reason}", pause.Until, sitePaused: true);
        if (pause is { Failures: > 0 })
        {
            if (!await pauses.TryStartProbe(pause.SiteKey, waiting.Value.ProbeLease, cancellationToken))
                throw new ConfluenceUnavailableException(pause.SiteKey,
                    $"Confluence at {site.Root.Host} was unavailable ({pause.Reason}); another worker is checking whether it answers again.",
                    ProbeRecheck(pause, now, waiting.Value), sitePaused: true);
            probing = true;
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.InnerException is not EndpointNotAllowedException && ex.HttpRequestError is
            HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError)
        {
            await pauses.Pause(siteKey, site.Root.Host, null, $"it could not be reached ({ex.HttpRequestError})", pacing: false, CancellationToken.None);
            throw;
        }
        catch (Exception ex) when (probing)
        {
            // A probe without an answer (dropped, timed out) is a refusal: the pause goes on, and the probe is released
            // for the next one instead of holding the site for the whole lease.
            await pauses.Pause(pause!.SiteKey, site.Root.Host, null, $"the check whether it answers again got no answer ({ex.GetType().Name})",
                pacing: false, CancellationToken.None);
            throw;
        }

        if (ConfluenceErrorTable.PausesSite(response.StatusCode))
        {
            var (key, reason) = Scope(site, response);
            var wait = ConfluenceRetryPolicy.RetryAfter(response) is { } retryAfter ? waiting.Value.Scaled(retryAfter) : (TimeSpan?)null;
            await pauses.Pause(key, site.Root.Host, wait, reason, pacing: false, CancellationToken.None);
        }
        else
        {
            if (probing || pause is { Failures: > 0 })
                await pauses.Resume(pause!.SiteKey, CancellationToken.None);
            if (PacingWait(response, now) is { } spacing)
                await pauses.Pause(siteKey, site.Root.Host, waiting.Value.Scaled(spacing),
                    "pacing calls below Confluence's quota (X-RateLimit-NearLimit)", pacing: true, CancellationToken.None);
        }

        return response;
    }

    /// <summary>Whose pause a refusal is: Atlassian's per-app quota pauses every OAuth site of the app, anything else this site.</summary>
    static (string Key, string Reason) Scope(ConfluenceSite site, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (response.StatusCode != HttpStatusCode.TooManyRequests)
            return (SiteBackoff.KeyOf(site), $"it answered {status} {response.StatusCode}");
        var reason = response.Headers.TryGetValues("RateLimit-Reason", out var values) ? values.FirstOrDefault() : null;
        var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? $", Retry-After {delta.TotalSeconds:0} s" : "";
        return reason == "confluence-quota-global-based" && site.Credentials is OAuthAccessToken
            ? (SiteBackoff.OAuthAppKey, $"Atlassian is rate limiting this app across all sites ({reason}{retryAfter})")
            : (SiteBackoff.KeyOf(site), $"Confluence is rate limiting this site ({reason ?? "429"}{retryAfter})");
    }

    /// <summary>
    /// When a call that found the probe taken looks again. The probe's answer wakes every publication already waiting on
    /// the site, but not one saved as waiting just after that answer, so each looks again by itself: after as long as the
    /// probe has run so far (a quick answer is seen soon, a hanging one costs a few looks, not one a second), at least a
    /// dispatch interval, at most until the probe's lease ends.
    /// </summary>
    internal static DateTimeOffset ProbeRecheck(SiteBackoff pause, DateTimeOffset now, WaitingOptions options)
    {
        var leaseEnd = pause.ProbeUntil is { } until && until > now ? until : now + options.ProbeLease;
        var probingFor = pause.ProbeUntil is { } end ? now - (end - options.ProbeLease) : TimeSpan.Zero;
        var recheck = now + (probingFor > options.DispatchInterval ? probingFor : options.DispatchInterval);
        return recheck < leaseEnd ? recheck : leaseEnd;
    }

    /// <summary>
    /// Near the end of a Cloud quota (X-RateLimit-NearLimit, or under a tenth left), the remaining calls are spread
    /// evenly until the quota resets (X-RateLimit-Reset), as Atlassian asks apps to pace themselves. Null otherwise.
    /// </summary>
    internal static TimeSpan? PacingWait(HttpResponseMessage response, DateTimeOffset now)
    {
        var headers = response.Headers;
        if (!headers.TryGetValues("X-RateLimit-Reset", out var resets)
            || !DateTimeOffset.TryParse(resets.FirstOrDefault(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var reset)
            || reset <= now)
            return null; // Data Center's bucket says no reset time: its 429s carry Retry-After instead
        var nearLimit = headers.TryGetValues("X-RateLimit-NearLimit", out var near) && near.FirstOrDefault() == "true";
        var remaining = Number(headers, "X-RateLimit-Remaining");
        var limit = Number(headers, "X-RateLimit-Limit");
        if (!nearLimit && !(remaining is { } r && limit is > 0 && r * 10 < limit))
            return null;
        return (reset - now) / Math.Max(1, remaining ?? 1);
    }

    static int? Number(System.Net.Http.Headers.HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && int.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, out var n) ? n : null;
}
