using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Api.Demo;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Integration.Tests.Infrastructure;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Integration.Tests.Api;

/// <summary>
/// How the Api may be hosted (security review F3, F12): the development token issuer only in the Development
/// environment and never beside a real identity provider; the anonymous demo status only for the demo tenant.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync")]
public sealed class AdminApiHostingTests : IAsyncLifetime
{
    readonly PostgresFixture postgres = new();
    readonly RabbitMqFixture rabbit = new();
    readonly string keys = Directory.CreateTempSubdirectory("teamretro-hosting-keys-").FullName;
    ConfluenceEmulator emulator = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(postgres.InitializeAsync(), rabbit.InitializeAsync());
        emulator = await ConfluenceEmulator.StartAsync(new EmulatorOptions { Users = [new EmulatorUser("publisher", "publisher-password")] });
    }

    public async Task DisposeAsync()
    {
        await emulator.DisposeAsync();
        await Task.WhenAll(postgres.DisposeAsync(), rabbit.DisposeAsync());
        try { Directory.Delete(keys, recursive: true); } catch (IOException) { }
    }

    Exception StartRefused(Dictionary<string, string?> overrides)
    {
        using var api = new AdminApiFactory(postgres, rabbit, keys, overrides);
        return Assert.ThrowsAny<Exception>(() => api.Server);
    }

    [Fact]
    public void The_development_issuer_refuses_to_start_outside_the_Development_environment()
    {
        var refused = StartRefused(new() { ["environment"] = "Production", ["Auth:DevelopmentIssuer"] = "true" });

        Assert.Contains("Auth:DevelopmentIssuer", refused.ToString(), StringComparison.Ordinal);
        Assert.Contains("Development environment", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_development_issuer_refuses_to_start_beside_an_identity_provider()
    {
        var refused = StartRefused(new() { ["Auth:Authority"] = "https://login.example.com/", ["Auth:DevelopmentIssuer"] = "true" });

        Assert.Contains("Auth:DevelopmentIssuer", refused.ToString(), StringComparison.Ordinal);
        Assert.Contains("Auth:Authority", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_without_the_development_issuer_starts_and_serves_no_dev_token()
    {
        await using var api = new AdminApiFactory(postgres, rabbit, keys, new Dictionary<string, string?> { ["environment"] = "Production" });
        using var anonymous = api.CreateClient();

        var mint = await anonymous.PostAsJsonAsync("/dev/token", new { role = "operator" });

        Assert.NotEqual(HttpStatusCode.OK, mint.StatusCode);
    }

    [Fact]
    public async Task The_anonymous_demo_status_answers_only_for_the_demo_tenant()
    {
        await using var api = new AdminApiFactory(postgres, rabbit, keys, new Dictionary<string, string?>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:ConfluenceBaseUrl"] = emulator.BaseUrl.AbsoluteUri,
        });
        using var anonymous = api.CreateClient();
        var otherTenant = Guid.NewGuid();
        var meeting = DemoMeetings.Retrospective(otherTenant); // no integration: it fails, but its row exists
        await api.Services.GetRequiredService<MassTransit.IBus>().Publish(meeting);
        var othersPublication = PublicationId.For(otherTenant, meeting.MeetingId);
        await PublicationStore.WaitFor(api.Services, othersPublication, p => p.CurrentState == "Failed", "Failed");

        var demo = await (await anonymous.PostAsync("/demo/meetings", null)).Content.ReadFromJsonAsync<JsonElement>();
        var demoPublication = demo.GetProperty("publicationId").GetGuid();
        await PublicationStore.WaitFor(api.Services, demoPublication, _ => true, "stored");

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/demo/publications/{othersPublication}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/demo/publications/{demoPublication}")).StatusCode);
    }
}
