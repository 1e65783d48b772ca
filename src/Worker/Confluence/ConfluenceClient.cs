using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TeamRetro.Confluence.Worker.Confluence;

/// <summary>
/// Confluence for any site and API profile: v1 REST (Server / Data Center, Cloud with API tokens, Cloud's classic
/// OAuth profile) or v2 (Cloud's current profile; attachments stay on v1, the only place they exist). Every request
/// carries its site (auth, allow-list profile) in its options; retries, timeouts and the egress proxy live in the
/// HttpClient pipeline (see <see cref="ConfluenceRegistration"/>).
/// </summary>
public sealed partial class ConfluenceClient(HttpClient http, ConfluenceSpaceIds spaceIds, Atlassian.AtlassianTokens tokens)
{
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

    /// <summary>
    /// Creates the attachment or adds a new version of the one with that file name (PUT is Confluence's idempotent
    /// form: a retry never fails on "same file name" and never adds a second attachment).
    /// </summary>
    public async Task<ConfluenceAttachment> PutAttachment(ConfluenceSite site, AttachmentUpload upload, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(upload.Content);
        file.Headers.ContentType = new MediaTypeHeaderValue(upload.MediaType);
        form.Add(file, "file", upload.FileName);
        form.Add(new StringContent("true"), "minorEdit");
        form.Add(new StringContent(upload.Comment), "comment");

        var path = $"rest/api/content/{Uri.EscapeDataString(upload.PageId)}/child/attachment";
        var result = await Send<V1Page<V1Attachment>>(site, HttpMethod.Put, path, form, $"Uploading '{upload.FileName}'", ct,
            request => request.Headers.Add("X-Atlassian-Token", "nocheck"));
        var attachment = (result.Results.Count > 0 ? result.Results[0] : null)
            ?? throw new PublicationFailedException($"Uploading '{upload.FileName}': Confluence answered without the attachment.", isPermanent: false);
        return new ConfluenceAttachment(attachment.Id, attachment.Title, attachment.Version?.Number ?? 1);
    }

    /// <summary>Reads a listing page by page, following <c>_links.next</c> (v1 offsets, v2 cursors) until it is absent.</summary>
    async IAsyncEnumerable<ConfluenceSpace> FollowNext<TList>(ConfluenceSite site, string firstPath, Func<TList, IEnumerable<ConfluenceSpace>> items,
        Func<TList, string?> next, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? path = firstPath;
        var seen = new HashSet<string>(StringComparer.Ordinal); // a server that links back to a page it sent ends the walk
        while (path is not null && seen.Add(path))
        {
            var list = await Send<TList>(site, HttpMethod.Get, path, null, "Listing spaces", ct);
            foreach (var item in items(list))
                yield return item;
            path = NextPath(site, next(list));
        }
    }

    /// <summary>
    /// <c>_links.next</c> is relative to the host and includes the context path ("/confluence/rest/api/space?...");
    /// turn it back into a path relative to the site root so it stays on the allow-list's terms.
    /// </summary>
    static string? NextPath(ConfluenceSite site, string? next)
    {
        if (string.IsNullOrEmpty(next))
            return null;
        var absolute = new Uri(site.Root, next);
        var root = site.Root.AbsolutePath;
        var pathAndQuery = absolute.PathAndQuery;
        if (pathAndQuery.StartsWith(root, StringComparison.Ordinal))
            return pathAndQuery[root.Length..];
        // Some servers omit the context path in _links.next: it is then relative to the context root already.
        return pathAndQuery.TrimStart('/');
    }

    async Task<T> Send<T>(ConfluenceSite site, HttpMethod method, string relativePath, HttpContent? content, string operation,
        CancellationToken ct, Action<HttpRequestMessage>? customize = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(site.Root, relativePath)) { Content = content };
        request.Options.Set(AllowListHandler.SiteKey, site);
        request.Headers.Authorization = site.Credentials.ToAuthorizationHeader();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        customize?.Invoke(request);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex) when (ex.InnerException is EndpointNotAllowedException refused)
        {
            throw refused;
        }
        catch (HttpRequestException ex)
        {
            throw new PublicationFailedException($"{operation} failed: Confluence at {site.Root.Host} could not be reached ({ex.HttpRequestError}).", isPermanent: false, ex);
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException ex)
        {
            throw new PublicationFailedException($"{operation} postponed: Confluence at {site.Root.Host} has been failing, so calls to it are paused for a while.", isPermanent: false, ex);
        }
        catch (Polly.RateLimiting.RateLimiterRejectedException ex)
        {
            throw new PublicationFailedException($"{operation} postponed: too many calls to Confluence at {site.Root.Host} are already waiting.", isPermanent: false, ex);
        }
        catch (Polly.Timeout.TimeoutRejectedException ex)
        {
            throw new PublicationFailedException($"{operation} failed: Confluence at {site.Root.Host} did not answer in time.", isPermanent: false, ex);
        }
        catch (TimeoutException ex)
        {
            throw new PublicationFailedException($"{operation} failed: Confluence at {site.Root.Host} did not answer in time.", isPermanent: false, ex);
        }

        using (response)
        {
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && site.Credentials is OAuthAccessToken refused)
            {
                // Revoked or replaced before its expiry: forget it everywhere; the step's retry renews it.
                await tokens.Refused(site.TenantId, refused.Token, ct);
                throw new PublicationFailedException($"{operation}: Confluence refused the Cloud access token before its expiry; it is renewed and the call retried.",
                    isPermanent: false, new ConfluenceApiException(response.StatusCode, operation, await ErrorMessage(response, ct)));
            }

            if (!response.IsSuccessStatusCode)
                throw new ConfluenceApiException(response.StatusCode, operation, await ErrorMessage(response, ct), response.Headers.RetryAfter?.Delta);
            return await response.Content.ReadFromJsonAsync<T>(Json, ct)
                ?? throw new PublicationFailedException($"{operation}: Confluence answered with an empty body.", isPermanent: false);
        }
    }

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

    static string? WebUrl(ConfluenceSite site, string? webui) =>
        webui is { Length: > 0 } w ? new Uri(site.Root, w.TrimStart('/')).AbsoluteUri : null;
}
