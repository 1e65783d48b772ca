using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Api.Demo;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Integration.Tests.Api;
using TeamRetro.Confluence.Integration.Tests.Infrastructure;
using TeamRetro.Confluence.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace TeamRetro.Confluence.Integration.Tests.Console;

/// <summary>The admin console in a real browser, over the real host (Kestrel), PostgreSQL, RabbitMQ and the emulator.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync")]
public sealed class AdminConsoleTests : IAsyncLifetime
{
    readonly PostgresFixture postgres = new();
    readonly RabbitMqFixture rabbit = new();
    readonly string keys = Directory.CreateTempSubdirectory("teamretro-console-keys-").FullName;
    readonly Guid tenantA = Guid.NewGuid();
    ConfluenceEmulator emulator = null!;
    ConfluenceEmulator cloud = null!; // Atlassian's consent screen, token server and a Cloud site behind its gateway
    AdminApiFactory api = null!;
    ConsoleBrowser browser = null!;
    Uri baseUrl = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(postgres.InitializeAsync(), rabbit.InitializeAsync());
        emulator = await ConfluenceEmulator.StartAsync(new EmulatorOptions
        {
            Users = [new EmulatorUser("publisher", "right-password")],
            SpaceKeys = ["TEAM", .. Enumerable.Range(1, 30).Select(i => $"ENG{i:00}")],
        });
        cloud = await ConfluenceEmulator.StartAsync(new EmulatorOptions
        {
            Product = EmulatedProduct.Cloud,
            Users = [new EmulatorUser("publisher", "right-password")],
            SpaceKeys = ["TEAM", .. Enumerable.Range(1, 30).Select(i => $"ENG{i:00}")],
        });
        var port = FreePort();
        baseUrl = new Uri($"http://localhost:{port}/");
        api = new AdminApiFactory(postgres, rabbit, keys, new Dictionary<string, string?>
        {
            ["Atlassian:RedirectUri"] = new Uri(baseUrl, "console/integration/callback").AbsoluteUri,
            ["Auth:DevelopmentIssuer"] = "true",
        }, cloud);
        api.UseKestrel(port);
        api.StartServer();
        browser = await ConsoleBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        await api.DisposeAsync();
        await emulator.DisposeAsync();
        await cloud.DisposeAsync();
        await Task.WhenAll(postgres.DisposeAsync(), rabbit.DisposeAsync());
    }

    async Task<IPage> SignedIn(Guid? tenant, string role = ApiClaims.TenantAdminRole, string subject = "admin-a")
    {
        var page = await browser.NewPage(baseUrl);
        await page.GotoAsync("/console");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/login"));
        await page.FillAsync("input[name=token]", DevelopmentTokens.Issue(new ApiAuthOptions { SigningKey = AdminApiFactory.SigningKey }, subject, role, tenant));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Publications" })).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task Admin_connects_a_server_picks_a_space_and_replays_a_failed_publication_to_one_page()
    {
        var page = await SignedIn(tenantA);
        await page.ClickAsync("header >> text=Integration");

        await page.FillAsync("input[name=baseUrl]", emulator.BaseUrl.AbsoluteUri);
        await page.FillAsync("input[name=username]", "publisher");
        await page.FillAsync("input[name=secret]", "wrong-password");
        await page.FillAsync("input[name=spaceKey]", "TEAM");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and check", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("401");

        await page.FillAsync("input[name=secret]", "right-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and check", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("connected");

        await page.FillAsync("input[name=q]", "eng1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(page.Locator("#spaces")).ToContainTextAsync("10 of 31 spaces match.");
        await page.SelectOptionAsync("select[name=spaceKey]", "ENG12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this space", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-space]")).ToHaveTextAsync("ENG12");

        emulator.Faults.Enqueue(HttpMethod.Post, "/rest/api/content", 403, times: 1000);
        var meeting = DemoMeetings.Retrospective(tenantA);
        await api.Services.GetRequiredService<MassTransit.IBus>().Publish(meeting);
        var id = PublicationId.For(tenantA, meeting.MeetingId);
        await PublicationStore.WaitFor(api.Services, id, p => p.CurrentState == "Failed", "Failed");

        await page.ClickAsync("header >> text=Publications");
        var row = page.Locator($"tr[data-publication='{id}']");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Failed");
        emulator.Faults.Clear();
        await row.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Replay queued.");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Published"); // the page refreshes itself while the replay runs

        var report = Assert.Single(emulator.State.Pages, p => p.ParentId is not null);
        Assert.Equal("ENG12", report.SpaceKey);
        Assert.Single(emulator.State.AttachmentsOf(report.Id));
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Replay" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Connect_Confluence_Cloud_goes_through_consent_and_back_to_the_site_picker()
    {
        var page = await SignedIn(tenantA);
        await page.GotoAsync("/console/integration");

        await page.GetByRole(AriaRole.Button, new() { Name = "Connect Confluence Cloud", Exact = true }).ClickAsync(); // → the emulator's consent screen → back to the console's callback
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pick a Confluence site" })).ToBeVisibleAsync();
        await page.FillAsync("input[name=spaceKey]", "TEAM");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use this site", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Confluence Cloud connected.");
        await Expect(page.Locator("[data-status]")).ToHaveTextAsync("connected");
        await Expect(page.Locator("#status")).ToContainTextAsync("CloudOAuth (CloudV2)");
        Assert.Contains(cloud.Requests.All, r => r.Path.EndsWith("/oauth/token/accessible-resources", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Console_needs_a_valid_token_and_shows_a_tenant_only_its_own_publications()
    {
        var anonymous = await browser.NewPage(baseUrl);
        await anonymous.GotoAsync("/console/integration");
        await Expect(anonymous).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/login"));
        await anonymous.FillAsync("input[name=token]", "forged.token.value");
        await anonymous.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(anonymous.GetByRole(AriaRole.Alert)).ToContainTextAsync("not accepted");

        var theirs = DemoMeetings.Retrospective(Guid.NewGuid()); // another tenant, no integration: it fails
        await api.Services.GetRequiredService<MassTransit.IBus>().Publish(theirs);
        var theirId = PublicationId.For(theirs.TenantId, theirs.MeetingId);
        await PublicationStore.WaitFor(api.Services, theirId, p => p.CurrentState == "Failed", "Failed");

        var mine = await SignedIn(tenantA);
        await Expect(mine.Locator($"tr[data-publication='{theirId}']")).ToHaveCountAsync(0);
        var operatorPage = await SignedIn(null, ApiClaims.OperatorRole, "ops");
        await Expect(operatorPage.Locator($"tr[data-publication='{theirId}'] .badge")).ToHaveTextAsync("Failed");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
