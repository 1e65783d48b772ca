using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TeamRetro.Confluence.Publishing.Telemetry;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>
/// Confluence for any site and API profile: v1 REST (Server / Data Center, Cloud with API tokens, Cloud's classic
/// OAuth profile) or v2 (Cloud's current profile; attachments stay on v1, the only place they exist). Every request
/// carries its site (auth, allow-list profile) in its options; retries, timeouts and the egress proxy live in the
/// HttpClient pipeline (see <see cref="ConfluenceRegistration"/>).
/// </summary>
public sealed partial class ConfluenceClient(HttpClient http, ConfluenceSpaceIds spaceIds, Atlassian.AtlassianTokens tokens,
    Microsoft.Extensions.Options.IOptions<ConfluenceOptions> options)
{
    /// <summary>A listing longer than this is not a Confluence we can serve (10,000 spaces at 100 a page).</summary>
    public const int MaxListPages = 100;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public Task<ConfluenceSpace?> FindSpace(ConfluenceSite site, string spaceKey, CancellationToken ct) =>
        site.Profile == ConfluenceApiProfile.CloudV2 ? V2FindSpace(site, spaceKey, ct) : V1FindSpace(site, spaceKey, ct);

    /// <summary>Every space the account can see, following <c>_links.next</c> to the end.</summary>
    public IAsyncEnumerable<ConfluenceSpace> ListSpaces(ConfluenceSite site, CancellationToken ct) =>
        site.Profile == ConfluenceApiProfile.CloudV2 ? V2Spaces(site, "api/v2/spaces?limit=100", ct) : V1Spaces(site, "rest/api/space?limit=100", ct);

    public Task<ConfluencePage?> FindPage(ConfluenceSite site, string spaceKey, string title, CancellationToken ct) =>
        site.Profile == ConfluenceApiProfile.CloudV2 ? V2FindPage(site, spaceKey, title, ct) : V1FindPage(site, spaceKey, title, ct);

    public Task<ConfluencePage> CreatePage(ConfluenceSite site, NewPage page, CancellationToken ct) =>
        site.Profile == ConfluenceApiProfile.CloudV2 ? V2CreatePage(site, page, ct) : V1CreatePage(site, page, ct);

    public Task<ConfluencePage> UpdatePage(ConfluenceSite site, PageUpdate update, CancellationToken ct) =>
        site.Profile == ConfluenceApiProfile.CloudV2 ? V2UpdatePage(site, update, ct) : V1UpdatePage(site, update, ct);

    /// <summary>Reads a listing page by page (v1 offsets, v2 cursors), at most <see cref="MaxListPages"/> pages.</summary>
    async IAsyncEnumerable<ConfluenceSpace> FollowNext<TList>(ConfluenceSite site, string firstPath, Func<TList, IEnumerable<ConfluenceSpace>> items,
        Func<TList, string?> next, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? path = firstPath;
        var seen = new HashSet<string>(StringComparer.Ordinal); // a server that links back to a page it sent ends the walk
        for (var pages = 0; path is not null && seen.Add(path); pages++)
        {
            if (pages == MaxListPages)
                throw new PublicationFailedException(
                    $"Listing spaces: Confluence at {site.Root.Host} kept answering more pages; stopped after {MaxListPages}.", isPermanent: true);
            var list = await Send<TList>(site, HttpMethod.Get, path, null, "Listing spaces", ct);
            foreach (var item in items(list))
                yield return item;
            path = NextPath(firstPath, next(list));
        }
    }

    /// <summary>
    /// Only the position is taken from <c>_links.next</c> (<c>start</c> on v1, <c>cursor</c> on v2): the rest of the
    /// request stays ours, so a server cannot steer the walk to another path, query or host.
    /// </summary>
    static string? NextPath(string firstPath, string? next)
    {
        var question = next?.IndexOf('?', StringComparison.Ordinal) ?? -1;
        if (question < 0)
            return null;
        var query = System.Web.HttpUtility.ParseQueryString(next![question..]);
        foreach (var position in new[] { "cursor", "start" })
        {
            if (query.GetValues(position) is [{ Length: > 0 and <= 2048 } value])
                return $"{firstPath}&{position}={Uri.EscapeDataString(value)}";
        }

        return null;
    }

    /// <summary>One call: a span named by its endpoint template, counted by template and status class.</summary>
    async Task<T> Send<T>(ConfluenceSite site, HttpMethod method, string relativePath, HttpContent? content, string operation,
        CancellationToken ct, Action<HttpRequestMessage>? customize = null)
    {
        var endpoint = ConfluenceEndpointAllowList.Template(site.Product, site.Profile, method, relativePath);
        using var call = PublicationTelemetry.StartConfluenceCall(endpoint);
        try
        {
            return await Send<T>(site, method, relativePath, content, operation, call, customize, ct);
        }
        catch (Exception ex)
        {
            call.Failed(ex);
            throw;
        }
    }

    async Task<T> Send<T>(ConfluenceSite site, HttpMethod method, string relativePath, HttpContent? content, string operation,
        PublicationTelemetry.ConfluenceCall call, Action<HttpRequestMessage>? customize, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(site.Root, relativePath)) { Content = content };
        request.Options.Set(AllowListHandler.SiteKey, site);
        request.Headers.Authorization = site.Credentials.ToAuthorizationHeader();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        customize?.Invoke(request);
        // One deadline over the whole call, retries and body included: a server trickling its answer cannot hold a step.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Value.CallTimeout);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, deadline.Token);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw Unavailable(site, $"{operation} failed: Confluence at {site.Root.Host} did not answer within {options.Value.CallTimeout}.", ex);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw new PublicationFailedException($"{operation} failed: Confluence at {site.Root.Host} answered with more than {ConfluenceRegistration.MaxResponseBytes / 1_000_000} MB.", isPermanent: true, ex);
        }
        catch (HttpRequestException ex) when (ex.InnerException is EndpointNotAllowedException refused)
        {
            throw refused;
        }
        catch (HttpRequestException ex)
        {
            throw Unavailable(site, $"{operation} failed: Confluence at {site.Root.Host} could not be reached ({ex.HttpRequestError}).", ex);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException ex)
        {
            throw Unavailable(site, $"{operation} postponed: Confluence at {site.Root.Host} has been failing, so calls to it are paused for a while.", ex);
        }
        catch (Polly.RateLimiting.RateLimiterRejectedException ex)
        {
            throw Unavailable(site, $"{operation} postponed: too many calls to Confluence at {site.Root.Host} are already waiting.", ex);
        }
        catch (Exception ex) when (ex is Polly.Timeout.TimeoutRejectedException or TimeoutException)
        {
            throw Unavailable(site, $"{operation} failed: Confluence at {site.Root.Host} did not answer in time.", ex);
        }

        using (response)
        {
            call.Answered(response.StatusCode);
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && site.Credentials is OAuthAccessToken refused)
            {
                // Revoked or replaced before its expiry: forget it everywhere; the step's retry renews it.
                await tokens.Refused(site.TenantId, refused.Token, ct);
                throw new PublicationFailedException($"{operation}: Confluence refused the Cloud access token before its expiry; it is renewed and the call retried.",
                    isPermanent: false, new ConfluenceApiException(response.StatusCode, operation, await ErrorMessage(response, deadline.Token)));
            }

            if (!response.IsSuccessStatusCode)
                throw new ConfluenceApiException(response.StatusCode, operation, await ErrorMessage(response, deadline.Token),
                    ConfluenceRetryPolicy.RetryAfter(response), SiteBackoff.KeyOf(site));
            return await response.Content.ReadFromJsonAsync<T>(Json, deadline.Token)
                ?? throw new PublicationFailedException($"{operation}: Confluence answered with an empty body.", isPermanent: false);
        }
    }

    static ConfluenceUnavailableException Unavailable(ConfluenceSite site, string message, Exception inner) =>
        new(SiteBackoff.KeyOf(site), message, null, inner);

    static async Task<string> ErrorMessage(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync<ErrorBody>(Json, ct);
            // v1 answers {"message": ...}; v2 answers {"errors": [{"title": ..., "detail": ...}]}.
            var message = error?.Message ?? (error?.Errors is { Count: > 0 } e ? $"{e[0].Title} {e[0].Detail}".Trim() : "");
            return message.Length > 500 ? message[..500] + "…" : message;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return response.ReasonPhrase ?? "";
        }
    }

    /// <summary>The page's link for people, only when it stays under the site (Confluence sends it relative to the site root).</summary>
    static string? WebUrl(ConfluenceSite site, string? webui)
    {
        if (webui is not { Length: > 0 } w || !w.StartsWith('/') || w.StartsWith("//", StringComparison.Ordinal))
            return null;
        var url = new Uri(site.Root, w.TrimStart('/'));
        return site.Root.IsBaseOf(url) && url.Scheme == site.Root.Scheme && url.Authority == site.Root.Authority ? url.AbsoluteUri : null;
    }
}
