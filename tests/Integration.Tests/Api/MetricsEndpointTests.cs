using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Api.Demo;
using TeamRetro.Confluence.Api.Integrations;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Integration.Tests.Infrastructure;
using TeamRetro.Confluence.Tests.Shared;
using TeamRetro.Confluence.Publishing.Integrations;

namespace TeamRetro.Confluence.Integration.Tests.Api;

/// <summary><c>/metrics</c> on the real Api host (worker in-process, PostgreSQL, RabbitMQ), scraped as Prometheus does.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync")]
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    readonly PostgresFixture postgres = new();
    readonly RabbitMqFixture rabbit = new();
    readonly string keys = Directory.CreateTempSubdirectory("teamretro-metrics-keys-").FullName;
    ConfluenceEmulator emulator = null!;
    AdminApiFactory api = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(postgres.InitializeAsync(), rabbit.InitializeAsync());
        emulator = await ConfluenceEmulator.StartAsync(new EmulatorOptions { Users = [new EmulatorUser("publisher", "right-password")], SpaceKeys = ["TEAM"] });
        api = new AdminApiFactory(postgres, rabbit, keys);
        _ = api.Server;
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        await emulator.DisposeAsync();
        await Task.WhenAll(postgres.DisposeAsync(), rabbit.DisposeAsync());
    }

    [Fact]
    public async Task Metrics_show_the_publications_by_state_after_publishing()
    {
        var tenant = Guid.NewGuid();
        using (var admin = api.ClientFor(tenant))
        {
            (await admin.PutAsJsonAsync($"/api/tenants/{tenant}/integration/credentials",
                new ServerIntegrationRequest(emulator.BaseUrl.AbsoluteUri, ConfluenceAuthKind.ServerBasic, "publisher", "right-password", "TEAM"))).EnsureSuccessStatusCode();
        }

        var bus = api.Services.GetRequiredService<MassTransit.IBus>();
        var meetings = new[] { DemoMeetings.Retrospective(tenant), DemoMeetings.Retrospective(tenant) };
        foreach (var meeting in meetings)
            await bus.Publish(meeting);
        foreach (var meeting in meetings)
            await PublicationStore.WaitFor(api.Services, PublicationId.For(tenant, meeting.MeetingId), p => p.CurrentState == "Published", "Published");

        using var prometheus = api.CreateClient(); // anonymous, as Prometheus scrapes
        var published = new Regex("^teamretro_publications\\{[^}]*state=\"Published\"[^}]*\\} 2( |$)", RegexOptions.Multiline);
        var text = "";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60); // the counts are cached for a few seconds
        while (DateTime.UtcNow < deadline && !published.IsMatch(text))
        {
            using var scrape = await prometheus.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            text = await scrape.Content.ReadAsStringAsync();
            if (!published.IsMatch(text))
                await Task.Delay(200);
        }

        Assert.Matches(published, text);
        Assert.Matches(new Regex("^teamretro_confluence_calls_total\\{[^}]*endpoint=\"POST rest/api/content\"[^}]*status_class=\"2xx\"", RegexOptions.Multiline), text);
        Assert.Contains("teamretro_publication_step_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.DoesNotContain(tenant.ToString(), text, StringComparison.OrdinalIgnoreCase);
    }
}
