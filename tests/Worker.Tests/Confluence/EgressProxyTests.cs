using TeamRetro.Confluence.Contracts;
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
            // Through a proxy the worker connects only to the proxy; private targets are the proxy's business.
            ["Confluence:AllowPrivateNetworks"] = "false",
        });
        var meeting = SampleMeetings.Retrospective(h.TenantId);

        await h.Publish(meeting);
        await h.WaitForState(PublicationId.For(meeting.TenantId, meeting.MeetingId), "Published");

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
        await h.WaitForState(PublicationId.For(meeting.TenantId, meeting.MeetingId), "Published");

        Assert.Empty(proxy.Forwarded);
        Assert.NotEmpty(h.Emulator.Requests.All);
    }
}
