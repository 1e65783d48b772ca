using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Worker.Confluence;

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
    [InlineData("104.192.141.1", false)]
    [InlineData("2606:4700::1111", false)]
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
    public async Task Operators_may_allow_http_and_private_networks()
    {
        var options = new ConfluenceOptions { AllowHttp = true, AllowPrivateNetworks = true };
        Assert.Null(await NetworkRules.BaseUrlProblem("http://10.0.0.5:8090/confluence", options, CancellationToken.None));
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
