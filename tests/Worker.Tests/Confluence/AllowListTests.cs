using Microsoft.Extensions.Options;
using System.Net;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Worker.Confluence;

namespace TeamRetro.Confluence.Worker.Tests.Confluence;

public sealed class AllowListTests
{
    static readonly ConfluenceSite Site = new(Guid.NewGuid(), new Uri("https://confluence.example.com/confluence"),
        new BasicCredentials("publisher", "secret"), ConfluenceApiProfile.V1);

    [Theory]
    [InlineData("GET", "rest/api/space", true)]
    [InlineData("GET", "rest/api/content", true)]
    [InlineData("POST", "rest/api/content", true)]
    [InlineData("PUT", "rest/api/content/12345", true)]
    [InlineData("PUT", "rest/api/content/12345/child/attachment", true)]
    [InlineData("POST", "rest/api/content/12345/child/attachment", true)]
    [InlineData("GET", "rest/api/content/12345", false)]
    [InlineData("GET", "rest/api/content/12345/child/attachment", false)]
    [InlineData("DELETE", "rest/api/content/12345", false)]
    [InlineData("GET", "rest/api/user/current", true)]
    [InlineData("GET", "rest/api/user", false)]
    [InlineData("GET", "rest/api/search", false)]
    [InlineData("GET", "rest/api/content/search", false)]
    [InlineData("PUT", "rest/api/content/../../admin", false)]
    [InlineData("GET", "rest/api/space/TEAM", false)]
    public void Only_listed_calls_are_allowed(string method, string path, bool allowed) =>
        Assert.Equal(allowed, ConfluenceEndpointAllowList.IsAllowed(ConfluenceApiProfile.V1, new HttpMethod(method), path));

    [Fact]
    public async Task A_call_off_the_list_never_leaves_the_process()
    {
        await using var emulator = await ConfluenceEmulator.StartAsync();
        var site = Site with { BaseUrl = emulator.BaseUrl };
        using var http = new HttpClient(new AllowListHandler(Options.Create(new ConfluenceOptions { AllowHttp = true })) { InnerHandler = new SocketsHttpHandler() });

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(site.Root, "rest/api/content/1/child/attachment"));
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
    [InlineData(ConfluenceApiProfile.V1)]
    [InlineData(ConfluenceApiProfile.CloudV2)]
    public void Security_doc_lists_exactly_the_allow_list(ConfluenceApiProfile profile)
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "security.md"));
        var start = doc.IndexOf($"<!-- allow-list:{profile} -->", StringComparison.Ordinal);
        var end = doc.IndexOf("<!-- /allow-list -->", start, StringComparison.Ordinal);
        var documented = doc[start..end].Split('\n')
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(cells => cells.Length == 2 && cells[0] is "GET" or "POST" or "PUT" or "DELETE")
            .Select(cells => $"{cells[0]} {cells[1]}")
            .ToHashSet();

        Assert.True(start >= 0, $"docs/security.md has no table for {profile}");
        Assert.Equal(ConfluenceEndpointAllowList.For(profile).Select(e => e.ToString()).ToHashSet(), documented);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TeamRetro.Confluence.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("The repository root (TeamRetro.Confluence.sln) was not found.");
    }
}
