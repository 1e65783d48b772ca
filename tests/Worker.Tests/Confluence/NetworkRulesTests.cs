using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Confluence;

namespace TeamRetro.Confluence.Worker.Tests.Confluence;

public sealed class NetworkRulesTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00:ec2::254", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("64:ff9b::a9fe:a9fe", true)]      // NAT64 of 169.254.169.254
    [InlineData("64:ff9b::7f00:1", true)]         // NAT64 of 127.0.0.1
    [InlineData("64:ff9b:1::a00:1", true)]        // local-use NAT64
    [InlineData("2002:a9fe:a9fe::1", true)]       // 6to4 of 169.254.169.254
    [InlineData("2002:c0a8:101::1", true)]        // 6to4 of 192.168.1.1
    [InlineData("::127.0.0.1", true)]             // IPv4-compatible
    [InlineData("::10.0.0.1", true)]
    [InlineData("::ffff:0:7f00:1", true)]         // IPv4-translated 127.0.0.1
    [InlineData("::ffff:0:a9fe:a9fe", true)]
    [InlineData("198.18.0.1", true)]              // benchmarking
    [InlineData("198.19.255.254", true)]
    [InlineData("192.0.0.170", true)]             // IETF protocol assignments
    [InlineData("104.192.141.1", false)]
    [InlineData("2606:4700::1111", false)]
    [InlineData("64:ff9b::68c0:8d01", false)]     // NAT64 of 104.192.141.1
    [InlineData("2002:68c0:8d01::1", false)]      // 6to4 of 104.192.141.1
    [InlineData("::ffff:104.192.141.1", false)]
    [InlineData("198.20.0.1", false)]
    [InlineData("192.0.1.1", false)]
    public void Internal_addresses_are_recognised(string address, bool isInternal) =>
        Assert.Equal(isInternal, NetworkRules.IsInternal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://104.192.141.1/confluence", null)]
    [InlineData("http://104.192.141.1/confluence", "https")]
    [InlineData("ftp://confluence.example.com", "https")]
    [InlineData("https://user:pw@104.192.141.1", "credentials")]
    [InlineData("https://104.192.141.1/?x=1", "query")]
    [InlineData("https://127.0.0.1/", "internal")]
    [InlineData("https://169.254.169.254/latest/meta-data", "internal")]
    [InlineData("https://localhost/", "internal")]
    [InlineData("https://metadata.google.internal/", "metadata")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/", "internal")]
    [InlineData("https://[2002:a9fe:a9fe::1]/", "internal")]
    [InlineData("https://[::127.0.0.1]/", "internal")]
    [InlineData("https://[::ffff:0:7f00:1]/", "internal")]
    [InlineData("https://198.18.0.1/", "internal")]
    [InlineData("https://192.0.0.170/", "internal")]
    [InlineData("not a url", "absolute")]
    public async Task Base_urls_typed_by_an_admin_are_validated(string url, string? problem)
    {
        var result = await NetworkRules.BaseUrlProblem(url, new ConfluenceOptions(), CancellationToken.None);

        if (problem is null)
            Assert.Null(result);
        else
            Assert.Contains(problem, result, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_host_that_resolves_only_behind_the_egress_proxy_can_be_saved()
    {
        const string url = "https://confluence.unresolvable.invalid/confluence";

        Assert.Contains("could not be resolved", await NetworkRules.BaseUrlProblem(url, new ConfluenceOptions(), CancellationToken.None));
        Assert.Null(await NetworkRules.BaseUrlProblem(url, new ConfluenceOptions { ProxyUrl = "http://proxy.internal:3128" }, CancellationToken.None));
    }

    [Fact]
    public async Task Operators_may_allow_http_and_private_networks()
    {
        var options = new ConfluenceOptions { AllowHttp = true, AllowPrivateNetworks = true };
        Assert.Null(await NetworkRules.BaseUrlProblem("http://10.0.0.5:8090/confluence", options, CancellationToken.None));
        Assert.Null(await NetworkRules.BaseUrlProblem("http://127.0.0.1:8090/confluence", options, CancellationToken.None));
        Assert.Null(await NetworkRules.BaseUrlProblem("http://localhost:8090/confluence", options, CancellationToken.None));
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[fd00:ec2::254]/")]
    [InlineData("https://[fe80::1]/")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/")]
    [InlineData("https://[::ffff:169.254.169.254]/")]
    [InlineData("https://100.100.100.200/")]
    [InlineData("https://metadata.google.internal/")]
    [InlineData("https://instance-data/")]
    public async Task Metadata_and_link_local_hosts_are_refused_even_with_private_networks_allowed(string url)
    {
        var options = new ConfluenceOptions { AllowHttp = true, AllowPrivateNetworks = true };

        var problem = await NetworkRules.BaseUrlProblem(url, options, CancellationToken.None);

        Assert.NotNull(problem);
        Assert.Contains("metadata", problem, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    public void Link_local_and_metadata_addresses_are_refused_whatever_the_options(string address)
    {
        Assert.True(NetworkRules.IsRefused(IPAddress.Parse(address), new ConfluenceOptions { AllowPrivateNetworks = true }));
        Assert.True(NetworkRules.IsRefused(IPAddress.Parse(address), new ConfluenceOptions()));
        Assert.False(NetworkRules.IsRefused(IPAddress.Loopback, new ConfluenceOptions { AllowPrivateNetworks = true }));
    }

    [Theory]
    [InlineData(false, true)]   // private network refused when connecting
    [InlineData(true, false)]   // http refused before sending credentials
    public async Task The_client_refuses_internal_or_plain_http_targets_without_sending_a_byte(bool allowPrivate, bool allowHttp)
    {
        await using var emulator = await ConfluenceEmulator.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Confluence:AllowHttp"] = allowHttp.ToString(),
            ["Confluence:AllowPrivateNetworks"] = allowPrivate.ToString(),
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddConfluence(configuration).BuildServiceProvider();
        var site = new ConfluenceSite(Guid.NewGuid(), emulator.BaseUrl, new BasicCredentials("publisher", "publisher-password"), ConfluenceProduct.DataCenter);

        var e = await Assert.ThrowsAsync<EndpointNotAllowedException>(() =>
            services.GetRequiredService<ConfluenceClient>().FindSpace(site, "TEAM", CancellationToken.None));

        Assert.True(e.IsPermanent);
        Assert.Empty(emulator.Requests.All);
    }
}
