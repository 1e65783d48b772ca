using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TeamRetro.Confluence.Worker.Confluence;

/// <summary>
/// Confluence's v1 REST API, for any site. Every request carries its site (auth, allow-list profile) in its options;
/// retries, timeouts and the egress proxy live in the HttpClient pipeline (see <see cref="ConfluenceRegistration"/>).
/// </summary>
public sealed class ConfluenceClient(HttpClient http)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<ConfluenceSpace?> FindSpace(ConfluenceSite site, string spaceKey, CancellationToken ct)
    {
        await foreach (var space in Spaces(site, $"rest/api/space?spaceKey={Uri.EscapeDataString(spaceKey)}&limit=25", ct))
        {
            if (string.Equals(space.Key, spaceKey, StringComparison.Ordinal))
                return space;
        }

        return null;
    }

    /// <summary>Every space the account can see, following <c>_links.next</c> to the end.</summary>
    public IAsyncEnumerable<ConfluenceSpace> ListSpaces(ConfluenceSite site, CancellationToken ct) =>
        Spaces(site, "rest/api/space?limit=100", ct);

    public async Task<ConfluencePage?> FindPage(ConfluenceSite site, string spaceKey, string title, CancellationToken ct)
    {
        var path = $"rest/api/content?type=page&spaceKey={Uri.EscapeDataString(spaceKey)}&title={Uri.EscapeDataString(title)}&expand=version,ancestors";
        var page = await Send<V1Page<V1Content>>(site, HttpMethod.Get, path, null, "Finding page", ct);
        var match = page.Results.FirstOrDefault(c => string.Equals(c.Title, title, StringComparison.Ordinal));
        return match is null ? null : ToPage(site, match);
    }

    public async Task<ConfluencePage> CreatePage(ConfluenceSite site, NewPage page, CancellationToken ct)
    {
        var body = new V1ContentWrite(
            "page",
            page.Title,
            new V1SpaceRef(page.SpaceKey),
            page.ParentId is null ? null : [new V1Ref(page.ParentId)],
            new V1Body(new V1Storage(page.StorageXml)),
            new V1VersionWrite(null, page.VersionMessage));
        var created = await Send<V1Content>(site, HttpMethod.Post, "rest/api/content", JsonContent.Create(body, options: Json), $"Creating page '{page.Title}'", ct);
        return ToPage(site, created);
    }

    public async Task<ConfluencePage> UpdatePage(ConfluenceSite site, PageUpdate update, CancellationToken ct)
    {
        var body = new V1ContentWrite(
            "page",
            update.Title,
            null,
            null,
            new V1Body(new V1Storage(update.StorageXml)),
            new V1VersionWrite(update.NewVersion, update.VersionMessage));
        var path = $"rest/api/content/{Uri.EscapeDataString(update.PageId)}";
        var updated = await Send<V1Content>(site, HttpMethod.Put, path, JsonContent.Create(body, options: Json), $"Updating page '{update.Title}'", ct);
        return ToPage(site, updated);
    }

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

    async IAsyncEnumerable<ConfluenceSpace> Spaces(ConfluenceSite site, string firstPath, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? path = firstPath;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (path is not null && seen.Add(path))
        {
            var page = await Send<V1Page<V1Space>>(site, HttpMethod.Get, path, null, "Listing spaces", ct);
            foreach (var space in page.Results)
                yield return new ConfluenceSpace(space.Id, space.Key, space.Name);
            path = NextPath(site, page.Links?.Next);
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
            var error = await response.Content.ReadFromJsonAsync<V1Error>(Json, ct);
            var message = error?.Message ?? "";
            return message.Length > 500 ? message[..500] + "…" : message;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return response.ReasonPhrase ?? "";
        }
    }

    static ConfluencePage ToPage(ConfluenceSite site, V1Content content)
    {
        var webUi = content.Links?.Webui is { Length: > 0 } w ? new Uri(site.Root, w.TrimStart('/')).AbsoluteUri : null;
        return new ConfluencePage(content.Id, content.Title, content.Version?.Number ?? 1, content.Version?.Message,
            content.Ancestors is { Count: > 0 } a ? a[^1].Id : null, webUi);
    }
}
