using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using TeamRetro.Confluence.Emulator;

namespace TeamRetro.Confluence.Worker.Tests.Emulator;

/// <summary>
/// Each row of docs/confluence-products.md the product relies on, pinned on the emulator of each product: a test against
/// the emulator proves something only where the emulator refuses what that product refuses.
/// </summary>
public sealed class ProductEmulatorTests
{
    static async Task<(ConfluenceEmulator Emulator, HttpClient Site)> Start(EmulatedProduct product, string contextPath = "", DataCenterRateLimit? rateLimit = null)
    {
        var emulator = await ConfluenceEmulator.StartAsync(new EmulatorOptions
        {
            Product = product, ContextPath = contextPath, RateLimit = rateLimit, Users = [new EmulatorUser("writer", "pw", PersonalAccessToken: "pat-1")],
        });
        var site = new HttpClient { BaseAddress = emulator.SiteUrl };
        site.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("writer:pw")));
        return (emulator, site);
    }

    static async Task<string> CreatePage(HttpClient site, string title = "Report")
    {
        var created = await site.PostAsJsonAsync("rest/api/content", new
        {
            type = "page", title, space = new { key = "TEAM" }, body = new { storage = new { value = "<p>x</p>", representation = "storage" } },
        });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    static HttpRequestMessage Upload(HttpMethod method, string path, string content, bool token = true, bool minorEdit = true)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", "report.pdf" } };
        if (minorEdit)
            form.Add(new StringContent("true"), "minorEdit");
        var request = new HttpRequestMessage(method, path) { Content = form };
        if (token)
            request.Headers.Add("X-Atlassian-Token", "no-check");
        return request;
    }

    static async Task<string> Message(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()!;

    [Fact]
    public async Task Data_center_refuses_the_attachment_put_with_405_and_versions_through_post_data()
    {
        var (emulator, site) = await Start(EmulatedProduct.DataCenter);
        await using var owned = emulator;
        using var siteClient = site;
        var page = await CreatePage(site);
        var path = $"rest/api/content/{page}/child/attachment";

        var noToken = await site.SendAsync(Upload(HttpMethod.Post, path, "a", token: false));
        var noMinorEdit = await site.SendAsync(Upload(HttpMethod.Post, path, "a", minorEdit: false));
        var first = await site.SendAsync(Upload(HttpMethod.Post, path, "a"));
        var duplicate = await site.SendAsync(Upload(HttpMethod.Post, path, "b"));
        var put = await site.SendAsync(Upload(HttpMethod.Put, path, "c"));
        var found = await site.GetFromJsonAsync<JsonElement>($"{path}?filename=report.pdf");
        var id = found.GetProperty("results")[0].GetProperty("id").GetString();
        var version = await site.SendAsync(Upload(HttpMethod.Post, $"{path}/{id}/data", "d"));
        var missing = await site.SendAsync(Upload(HttpMethod.Post, $"{path}/att0/data", "e"));

        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noMinorEdit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.StartsWith("Cannot add a new attachment with same file name", await Message(duplicate), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal(HttpStatusCode.OK, version.StatusCode);
        Assert.Equal(id, (await version.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()); // the attachment, not a list
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var attachment = Assert.Single(emulator.State.AttachmentsOf(page));
        Assert.Equal((2, "d"), (attachment.Version, Encoding.UTF8.GetString(attachment.Data)));
    }

    [Fact]
    public async Task Cloud_put_creates_the_attachment_or_adds_a_version()
    {
        var (emulator, site) = await Start(EmulatedProduct.Cloud);
        await using var owned = emulator;
        using var siteClient = site;
        var page = await CreatePage(site);
        var path = $"rest/api/content/{page}/child/attachment";

        var created = await site.SendAsync(Upload(HttpMethod.Put, path, "a"));
        var versioned = await site.SendAsync(Upload(HttpMethod.Put, path, "b"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (created.StatusCode, versioned.StatusCode));
        Assert.Equal(2, Assert.Single(emulator.State.AttachmentsOf(page)).Version);
    }

    [Fact]
    public async Task Data_center_lives_under_its_context_path_and_has_no_v2()
    {
        var (emulator, site) = await Start(EmulatedProduct.DataCenter, "/confluence");
        await using var owned = emulator;
        using var siteClient = site;

        var spaces = await site.GetAsync("rest/api/space");
        var v2 = await site.GetAsync("api/v2/spaces");
        using var root = new HttpClient { BaseAddress = emulator.BaseUrl, DefaultRequestHeaders = { Authorization = site.DefaultRequestHeaders.Authorization } };
        var outsideContext = await root.GetAsync("rest/api/space");
        var links = (await spaces.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("_links");

        Assert.Equal("/confluence/", emulator.SiteUrl.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, spaces.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, v2.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outsideContext.StatusCode);
        Assert.Equal("/confluence", links.GetProperty("context").GetString());
        Assert.EndsWith("/confluence", links.GetProperty("base").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cloud_answers_only_under_wiki_and_refuses_personal_access_tokens()
    {
        var (emulator, site) = await Start(EmulatedProduct.Cloud);
        await using var owned = emulator;
        using var siteClient = site;
        using var root = new HttpClient { BaseAddress = emulator.BaseUrl, DefaultRequestHeaders = { Authorization = site.DefaultRequestHeaders.Authorization } };
        using var pat = new HttpClient { BaseAddress = emulator.SiteUrl, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", "pat-1") } };

        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("rest/api/space")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("api/v2/spaces")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await root.GetAsync("rest/api/space")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await pat.GetAsync("rest/api/space")).StatusCode);
    }

    [Fact]
    public async Task Cloud_v2_errors_have_v2s_shape()
    {
        var (emulator, site) = await Start(EmulatedProduct.Cloud);
        await using var owned = emulator;
        using var siteClient = site;
        var spaceId = (await site.GetFromJsonAsync<JsonElement>("api/v2/spaces?keys=TEAM")).GetProperty("results")[0].GetProperty("id").GetString();
        object Page() => new { spaceId, status = "current", title = "Twice", body = new { representation = "storage", value = "<p>x</p>" } };

        await site.PostAsJsonAsync("api/v2/pages", Page());
        var duplicate = await site.PostAsJsonAsync("api/v2/pages", Page());
        emulator.Faults.Enqueue(HttpMethod.Get, "/api/v2/pages", 503);
        var injected = await site.GetAsync("api/v2/pages");

        var error = (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0];
        Assert.Equal((400, "BAD_REQUEST"), (error.GetProperty("status").GetInt32(), error.GetProperty("code").GetString()));
        Assert.StartsWith("A page with this title already exists", error.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, error.GetProperty("detail").ValueKind);
        Assert.Equal(503, (await injected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Each_product_rate_limits_with_its_own_headers()
    {
        var (cloud, cloudSite) = await Start(EmulatedProduct.Cloud);
        var (dc, dcSite) = await Start(EmulatedProduct.DataCenter, rateLimit: new DataCenterRateLimit(Capacity: 2, FillRate: 1, Interval: TimeSpan.FromHours(1)));
        await using var ownedCloud = cloud;
        await using var ownedDc = dc;
        using var cloudClient = cloudSite;
        using var dcClient = dcSite;
        cloud.Faults.Enqueue(HttpMethod.Get, "/rest/api/space", 429, retryAfter: TimeSpan.FromSeconds(1800));

        var cloudLimited = await cloudSite.GetAsync("rest/api/space");
        var dcFirst = await dcSite.GetAsync("rest/api/space");
        await dcSite.GetAsync("rest/api/space");
        var dcLimited = await dcSite.GetAsync("rest/api/space");

        string Header(HttpResponseMessage r, string name) => r.Headers.TryGetValues(name, out var v) ? v.Single() : "";
        Assert.Equal(HttpStatusCode.TooManyRequests, cloudLimited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1800), cloudLimited.Headers.RetryAfter?.Delta);
        Assert.Equal("confluence-quota-tenant-based", Header(cloudLimited, "RateLimit-Reason"));
        Assert.True(DateTimeOffset.TryParse(Header(cloudLimited, "X-RateLimit-Reset"), out _));
        Assert.Equal("true", Header(cloudLimited, "X-RateLimit-NearLimit"));
        Assert.Equal((HttpStatusCode.OK, "1", "2"), (dcFirst.StatusCode, Header(dcFirst, "X-RateLimit-Remaining"), Header(dcFirst, "X-RateLimit-Limit")));
        Assert.Equal(HttpStatusCode.TooManyRequests, dcLimited.StatusCode);
        Assert.Equal(("0", "3600", "1"), (Header(dcLimited, "X-RateLimit-Remaining"), Header(dcLimited, "X-RateLimit-Interval-Seconds"), Header(dcLimited, "X-RateLimit-FillRate")));
        Assert.InRange(dcLimited.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Equal("", Header(dcLimited, "RateLimit-Reason")); // Cloud's header, not Data Center's
    }

    [Fact]
    public async Task Cloud_removed_v1_content_for_oauth_but_keeps_the_attachment_upload()
    {
        var (emulator, site) = await Start(EmulatedProduct.Cloud);
        await using var owned = emulator;
        using var siteClient = site;
        var page = await CreatePage(site);
        var code = emulator.OAuth.IssueCode("writer", "offline_access");
        using var token = new HttpClient { BaseAddress = emulator.BaseUrl };
        var access = (await (await token.PostAsJsonAsync("oauth/token", new { grant_type = "authorization_code", code })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("access_token").GetString();
        using var gateway = new HttpClient { BaseAddress = new Uri(emulator.BaseUrl, $"ex/confluence/{emulator.OAuth.CloudId}/wiki/") };
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        using var direct = new HttpClient { BaseAddress = emulator.SiteUrl, DefaultRequestHeaders = { Authorization = gateway.DefaultRequestHeaders.Authorization } };

        Assert.Equal(HttpStatusCode.Gone, (await gateway.GetAsync("rest/api/space")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("api/v2/spaces")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.SendAsync(Upload(HttpMethod.Put, $"rest/api/content/{page}/child/attachment", "a"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await direct.GetAsync("api/v2/spaces")).StatusCode); // OAuth only through the gateway
    }

    [Fact]
    public async Task The_consent_screen_redirects_back_with_a_code_that_buys_rotating_tokens()
    {
        var (emulator, site) = await Start(EmulatedProduct.Cloud);
        await using var owned = emulator;
        site.Dispose();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = emulator.BaseUrl };
        var consent = await browser.GetAsync("authorize?audience=api.atlassian.com&client_id=c&scope=offline_access&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=s1&response_type=code&prompt=consent");
        var code = QueryHelpers.ParseQuery(consent.Headers.Location!.Query)["code"].ToString();

        var first = await (await browser.PostAsJsonAsync("oauth/token", new { grant_type = "authorization_code", code })).Content.ReadFromJsonAsync<JsonElement>();
        var refresh = first.GetProperty("refresh_token").GetString();
        var rotated = await browser.PostAsJsonAsync("oauth/token", new { grant_type = "refresh_token", refresh_token = refresh });
        var reused = await browser.PostAsJsonAsync("oauth/token", new { grant_type = "refresh_token", refresh_token = refresh });

        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        Assert.StartsWith("https://app.example/cb?code=", consent.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(refresh, (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refresh_token").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, reused.StatusCode); // a spent refresh token revokes the grant
        Assert.Equal("invalid_grant", (await reused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_request_of_our_client_that_atlassian_does_not_describe_fails_the_test_that_made_it()
    {
        var (emulator, site) = await Start(EmulatedProduct.DataCenter);
        using var siteClient = site;
        var page = await CreatePage(site);
        var put = Upload(HttpMethod.Put, $"rest/api/content/{page}/child/attachment", "a");
        put.Headers.UserAgent.ParseAdd(ConfluenceEmulator.ClientUserAgent + "1.0");
        await site.SendAsync(put);

        var failure = await Assert.ThrowsAsync<ContractViolationException>(() => emulator.DisposeAsync().AsTask());

        Assert.Equal(["PUT rest/api/content/{id}/child/attachment is not an operation of Data Center (it describes GET, POST there)"], failure.Violations);
    }
}
