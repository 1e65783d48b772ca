using Microsoft.Extensions.Options;
using System.Net;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Confluence;

namespace TeamRetro.Confluence.Worker.Tests.Confluence;

public sealed class AllowListTests
{
    static readonly ConfluenceSite Site = new(Guid.NewGuid(), new Uri("https://confluence.example.com/confluence"),
        new BasicCredentials("publisher", "secret"), ConfluenceProduct.DataCenter);

    [Theory]
    [InlineData("GET", "rest/api/space", true)]
    [InlineData("GET", "rest/api/content", true)]
    [InlineData("POST", "rest/api/content", true)]
    [InlineData("PUT", "rest/api/content/12345", true)]
    [InlineData("GET", "rest/api/content/12345/child/attachment", true)]
    [InlineData("POST", "rest/api/content/12345/child/attachment", true)]
    [InlineData("POST", "rest/api/content/12345/child/attachment/att678/data", true)]
    [InlineData("PUT", "rest/api/content/12345/child/attachment", false)] // Data Center answers 405: the call is not made
    [InlineData("GET", "rest/api/content/12345", false)]
    [InlineData("DELETE", "rest/api/content/12345", false)]
    [InlineData("GET", "rest/api/user/current", true)]
    [InlineData("GET", "rest/api/user", false)]
    [InlineData("GET", "rest/api/search", false)]
    [InlineData("GET", "rest/api/content/search", false)]
    [InlineData("PUT", "rest/api/content/../../admin", false)]
    [InlineData("GET", "rest/api/space/TEAM", false)]
    [InlineData("GET", "api/v2/pages", false)] // Data Center has no v2
    public void Data_center_allows_only_its_listed_calls(string method, string path, bool allowed) =>
        Assert.Equal(allowed, ConfluenceEndpointAllowList.IsAllowed(ConfluenceProduct.DataCenter, ConfluenceApiProfile.V1, new HttpMethod(method), path));

    [Theory]
    [InlineData(ConfluenceApiProfile.V1, "PUT", "rest/api/content/12345/child/attachment", true)]
    [InlineData(ConfluenceApiProfile.V1, "POST", "rest/api/content/12345/child/attachment", false)]
    [InlineData(ConfluenceApiProfile.V1, "GET", "rest/api/content/12345/child/attachment", false)]
    [InlineData(ConfluenceApiProfile.V1, "POST", "rest/api/content/12345/child/attachment/att678/data", false)]
    [InlineData(ConfluenceApiProfile.V1, "GET", "api/v2/pages", false)]
    [InlineData(ConfluenceApiProfile.CloudV2, "PUT", "rest/api/content/12345/child/attachment", true)]
    [InlineData(ConfluenceApiProfile.CloudV2, "GET", "api/v2/pages", true)]
    [InlineData(ConfluenceApiProfile.CloudV2, "GET", "rest/api/content", false)]
    [InlineData(ConfluenceApiProfile.CloudV2, "GET", "api/v2/pages/12345", false)]
    [InlineData(ConfluenceApiProfile.CloudV2, "GET", "rest/api/user/current", false)]
    public void Cloud_profiles_allow_only_their_listed_calls(ConfluenceApiProfile profile, string method, string path, bool allowed) =>
        Assert.Equal(allowed, ConfluenceEndpointAllowList.IsAllowed(ConfluenceProduct.Cloud, profile, new HttpMethod(method), path));

    [Fact]
    public void Data_center_with_the_v2_profile_may_send_nothing() =>
        Assert.Empty(ConfluenceEndpointAllowList.For(ConfluenceProduct.DataCenter, ConfluenceApiProfile.CloudV2));

    [Theory]
    [InlineData("rest/api/content", "?type=page&spaceKey=TEAM&title=Retro%20%26%20more&expand=version,ancestors", true)]
    [InlineData("rest/api/content", "?type=page&spaceKey=TEAM&title=T&expand=body.storage,history", false)] // reads content we do not need
    [InlineData("rest/api/content", "?type=blogpost&spaceKey=TEAM&title=T", false)]
    [InlineData("rest/api/content", "?spaceKey=HR&cql=type%3Dpage", false)]
    [InlineData("rest/api/space", "?spaceKey=TEAM&limit=25&start=25", true)]
    [InlineData("rest/api/space", "?spaceKey=TEAM&expand=homepage", false)]
    [InlineData("rest/api/content/1/child/attachment", "?filename=meeting-summary.pdf", true)]
    [InlineData("rest/api/content/1/child/attachment", "?filename=a.pdf&expand=version", false)]
    [InlineData("rest/api/user/current", "?expand=operations", false)]
    public void Queries_carry_only_the_listed_parameters_and_values(string path, string query, bool allowed) =>
        Assert.Equal(allowed, ConfluenceEndpointAllowList.IsAllowed(ConfluenceProduct.DataCenter, ConfluenceApiProfile.V1, HttpMethod.Get, path, query));

    [Fact]
    public async Task A_call_off_the_list_never_leaves_the_process()
    {
        await using var emulator = await ConfluenceEmulator.StartAsync();
        var site = Site with { BaseUrl = emulator.BaseUrl };
        using var http = new HttpClient(new AllowListHandler(Options.Create(new ConfluenceOptions { AllowHttp = true })) { InnerHandler = new SocketsHttpHandler() });

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(site.Root, "rest/api/content/1/child/attachment"));
        request.Method = HttpMethod.Put;
        request.Options.Set(AllowListHandler.SiteKey, site);
        var refused = await Assert.ThrowsAsync<EndpointNotAllowedException>(() => http.SendAsync(request));

        Assert.True(refused.IsPermanent);
        Assert.Empty(emulator.Requests.All);
    }

    [Fact]
    public async Task A_call_to_another_host_is_refused_even_on_a_listed_path()
    {
        using var http = new HttpClient(new AllowListHandler(Options.Create(new ConfluenceOptions { AllowHttp = true })) { InnerHandler = new SocketsHttpHandler() });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("https://attacker.example.net/confluence/rest/api/space"));
        request.Options.Set(AllowListHandler.SiteKey, Site);

        await Assert.ThrowsAsync<EndpointNotAllowedException>(() => http.SendAsync(request));
    }

    [Fact]
    public async Task A_request_without_a_site_is_refused()
    {
        using var http = new HttpClient(new AllowListHandler(Options.Create(new ConfluenceOptions { AllowHttp = true })) { InnerHandler = new SocketsHttpHandler() });
        await Assert.ThrowsAsync<EndpointNotAllowedException>(() => http.GetAsync(new Uri("https://confluence.example.com/rest/api/space")));
    }

    [Theory]
    [InlineData(ConfluenceProduct.DataCenter, ConfluenceApiProfile.V1)]
    [InlineData(ConfluenceProduct.Cloud, ConfluenceApiProfile.V1)]
    [InlineData(ConfluenceProduct.Cloud, ConfluenceApiProfile.CloudV2)]
    public void Security_doc_lists_exactly_the_allow_list(ConfluenceProduct product, ConfluenceApiProfile profile)
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "security.md"));
        var name = ConfluenceEndpointAllowList.Name(product, profile);
        var start = doc.IndexOf($"<!-- allow-list:{name} -->", StringComparison.Ordinal);
        var end = doc.IndexOf("<!-- /allow-list -->", start, StringComparison.Ordinal);
        var documented = doc[start..end].Split('\n')
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(cells => cells.Length == 3 && cells[0] is "GET" or "POST" or "PUT" or "DELETE")
            .Select(cells => $"{cells[0]} {cells[1]} {cells[2].Replace("`", "", StringComparison.Ordinal)}")
            .ToHashSet();

        Assert.True(start >= 0, $"docs/security.md has no table for {name}");
        Assert.Equal(ConfluenceEndpointAllowList.For(product, profile).Select(e => $"{e} {(e.Query.Length == 0 ? "none" : string.Join(", ", e.Query))}").ToHashSet(), documented);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TeamRetro.Confluence.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("The repository root (TeamRetro.Confluence.sln) was not found.");
    }
}
