using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Tests.Shared.Proxy;
using TeamRetro.Confluence.Worker.Tests.Publication;
using TeamRetro.Confluence.Worker.Tests.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Confluence;

/// <summary>Customers allow-list their proxy's fixed IPs: every Confluence call must go through it when one is set.</summary>
public sealed class EgressProxyTests : IAsyncLifetime
{
    RecordingForwardProxy proxy = null!;

    public async Task InitializeAsync() => proxy = await RecordingForwardProxy.StartAsync();

    public async Task DisposeAsync() => await proxy.DisposeAsync();

    [Fact]
    public async Task Every_call_of_a_whole_publication_goes_through_the_authenticated_proxy()
    {
        await using var h = await PublicationHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Confluence:ProxyUrl"] = proxy.Url.AbsoluteUri,
            ["Confluence:ProxyUsername"] = proxy.Username,
            ["Confluence:ProxyPassword"] = proxy.Password,
            // The emulator listens on 127.0.0.1: through a proxy the worker still refuses internal targets unless allowed.
            ["Confluence:AllowPrivateNetworks"] = "true",
        });
        var meeting = SampleMeetings.Retrospective(h.TenantId);

        await h.Publish(meeting);
        await h.WaitForState(PublicationId.For(meeting.TenantId, meeting.MeetingId), m => m.Published);

        var received = h.Emulator.Requests.All.Select(r => $"{r.Method} {r.Path}{r.Query}").ToList();
        var forwarded = proxy.Forwarded.Select(f => $"{f.Method} {f.Target.PathAndQuery}").ToList();
        Assert.True(received.Count >= 5, string.Join(", ", received));
        Assert.Equal(received.Order(StringComparer.Ordinal), forwarded.Order(StringComparer.Ordinal));
        Assert.All(proxy.Forwarded, f => Assert.Equal(h.Emulator.BaseUrl.Authority, f.Target.Authority));
        Assert.True(proxy.Challenges > 0, "the proxy never asked for credentials");
    }

    [Fact]
    public async Task Without_a_proxy_setting_nothing_goes_through_the_proxy()
    {
        await using var h = await PublicationHarness.StartAsync();
        var meeting = SampleMeetings.Retrospective(h.TenantId);

        await h.Publish(meeting);
        await h.WaitForState(PublicationId.For(meeting.TenantId, meeting.MeetingId), m => m.Published);

        Assert.Empty(proxy.Forwarded);
        Assert.NotEmpty(h.Emulator.Requests.All);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]        // an internal IP literal
    [InlineData("localhost", false)]        // a name that resolves to loopback here
    [InlineData("169.254.169.254", true)]   // link-local: refused even with private networks allowed
    [InlineData("metadata.google.internal", true)]
    public async Task Through_a_proxy_an_internal_target_is_refused_before_the_proxy_receives_anything(string host, bool allowPrivate)
    {
        await using var emulator = await ConfluenceEmulator.StartAsync();
        await using var services = ProxiedServices(allowPrivate);
        var root = new UriBuilder(emulator.BaseUrl) { Host = host }.Uri;
        var site = new ConfluenceSite(Guid.NewGuid(), root, new BasicCredentials("publisher", "publisher-password"), ConfluenceProduct.DataCenter);

        var e = await Assert.ThrowsAsync<EndpointNotAllowedException>(() =>
            services.GetRequiredService<ConfluenceClient>().FindSpace(site, "TEAM", CancellationToken.None));

        Assert.True(e.IsPermanent);
        Assert.Empty(proxy.Forwarded);
        Assert.Equal(0, proxy.Challenges);
        Assert.Empty(emulator.Requests.All);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Through_a_proxy_private_targets_are_reached_when_private_networks_are_allowed(string host)
    {
        await using var emulator = await ConfluenceEmulator.StartAsync();
        await using var services = ProxiedServices(allowPrivate: true);
        var root = new UriBuilder(emulator.BaseUrl) { Host = host }.Uri;
        var site = new ConfluenceSite(Guid.NewGuid(), root, new BasicCredentials("publisher", "publisher-password"), ConfluenceProduct.DataCenter);

        Assert.NotNull(await services.GetRequiredService<ConfluenceClient>().FindSpace(site, "TEAM", CancellationToken.None));

        Assert.NotEmpty(proxy.Forwarded);
        Assert.All(proxy.Forwarded, f => Assert.Equal(host, f.Target.Host));
    }

    ServiceProvider ProxiedServices(bool allowPrivate)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Confluence:ProxyUrl"] = proxy.Url.AbsoluteUri,
            ["Confluence:ProxyUsername"] = proxy.Username,
            ["Confluence:ProxyPassword"] = proxy.Password,
            ["Confluence:AllowHttp"] = "true",
            ["Confluence:AllowPrivateNetworks"] = allowPrivate.ToString(),
            ["Confluence:MaxRetries"] = "1",
        }).Build();
        return new ServiceCollection().AddLogging().AddConfluence(configuration).BuildServiceProvider();
    }
}
