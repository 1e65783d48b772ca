using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Worker.Confluence;

namespace TeamRetro.Confluence.Worker.Tests.Confluence;

/// <summary>The real client and HTTP pipeline (allow-list, retries) against the emulator.</summary>
public sealed class ConfluenceClientTests : IAsyncLifetime
{
    ConfluenceEmulator emulator = null!;
    ServiceProvider services = null!;
    ConfluenceSite site = null!;

    ConfluenceClient Client => services.GetRequiredService<ConfluenceClient>();

    public async Task InitializeAsync()
    {
        emulator = await ConfluenceEmulator.StartAsync(new EmulatorOptions { Users = [new EmulatorUser("u", "p")], SpaceKeys = ["TEAM"] });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Confluence:RetryBaseDelay"] = "00:00:00.010",
            ["Confluence:MaxRetries"] = "3",
            ["Confluence:AllowHttp"] = "true",
            ["Confluence:AllowPrivateNetworks"] = "true",
        }).Build();
        services = new ServiceCollection().AddLogging().AddConfluence(configuration).BuildServiceProvider();
        site = new ConfluenceSite(Guid.NewGuid(), emulator.BaseUrl, new BasicCredentials("u", "p"), ConfluenceApiProfile.V1);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await emulator.DisposeAsync();
    }

    [Fact]
    public async Task Space_listing_follows_next_links_to_the_end()
    {
        for (var i = 0; i < 60; i++)
            emulator.State.AddSpace($"S{i:00}");

        var spaces = new List<ConfluenceSpace>();
        await foreach (var space in Client.ListSpaces(site, CancellationToken.None))
            spaces.Add(space);

        Assert.Equal(61, spaces.Select(s => s.Key).Distinct().Count());
        Assert.Equal(3, emulator.Requests.All.Count(r => r.Path == "/rest/api/space"));
    }

    [Fact]
    public async Task Space_listing_keeps_a_context_path()
    {
        for (var i = 0; i < 30; i++)
            emulator.State.AddSpace($"W{i:00}");
        var wiki = site with { BaseUrl = new Uri(emulator.BaseUrl, "wiki") };

        var count = 0;
        await foreach (var _ in Client.ListSpaces(wiki, CancellationToken.None))
            count++;

        Assert.Equal(31, count);
        Assert.All(emulator.Requests.All, r => Assert.StartsWith("/wiki/rest/api/space", r.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_find_update_and_attach()
    {
        var created = await Client.CreatePage(site, new NewPage("TEAM", null, "Report & more", "<p>one</p>", "sha256:abc"), CancellationToken.None);
        var found = await Client.FindPage(site, "TEAM", "Report & more", CancellationToken.None);
        var updated = await Client.UpdatePage(site, new PageUpdate(created.Id, "Report & more", "<p>two</p>", 2, "second"), CancellationToken.None);
        var attachment = await Client.PutAttachment(site, new AttachmentUpload(created.Id, "a.pdf", "application/pdf", [1, 2, 3], "c"), CancellationToken.None);
        var again = await Client.PutAttachment(site, new AttachmentUpload(created.Id, "a.pdf", "application/pdf", [4], "c"), CancellationToken.None);

        Assert.Equal(created.Id, found?.Id);
        Assert.Equal("sha256:abc", found?.VersionMessage);
        Assert.Equal(2, updated.Version);
        Assert.Equal(attachment.Id, again.Id);
        Assert.Equal(2, again.Version);
        Assert.StartsWith(emulator.BaseUrl.AbsoluteUri + "spaces/TEAM/pages/", found?.WebUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stale_update_surfaces_as_a_transient_conflict()
    {
        var created = await Client.CreatePage(site, new NewPage("TEAM", null, "Stale", "<p>one</p>", "m"), CancellationToken.None);

        var e = await Assert.ThrowsAsync<ConfluenceApiException>(() =>
            Client.UpdatePage(site, new PageUpdate(created.Id, "Stale", "<p>x</p>", 5, "m"), CancellationToken.None));

        Assert.True(e.IsStaleVersion);
        Assert.False(e.IsPermanent);
        Assert.Contains("Current version is: 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limited_reads_and_writes_are_retried_but_a_failed_write_is_not_blindly_repeated()
    {
        emulator.Faults.Enqueue(HttpMethod.Get, "rest/api/space", 429, times: 2, retryAfter: TimeSpan.Zero);
        emulator.Faults.Enqueue(HttpMethod.Post, "rest/api/content", 429, times: 1, retryAfter: TimeSpan.Zero);
        emulator.Faults.FailAfterWork(HttpMethod.Post, "rest/api/content", 500, times: 1);

        var space = await Client.FindSpace(site, "TEAM", CancellationToken.None);
        var e = await Assert.ThrowsAsync<ConfluenceApiException>(() =>
            Client.CreatePage(site, new NewPage("TEAM", null, "Once", "<p>x</p>", "m"), CancellationToken.None));

        Assert.Equal("TEAM", space?.Key);
        Assert.Equal(3, emulator.Requests.All.Count(r => r.Method == "GET"));
        Assert.Equal(2, emulator.Requests.All.Count(r => r.Method == "POST")); // the 429, then the one that failed after creating
        Assert.False(e.IsPermanent);
        Assert.Single(emulator.State.Pages);
    }

    [Fact]
    public async Task Unreachable_confluence_is_a_transient_failure_naming_the_host()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var gone = site with { BaseUrl = new Uri($"http://127.0.0.1:{port}/") };

        var e = await Assert.ThrowsAsync<PublicationFailedException>(() => Client.FindSpace(gone, "TEAM", CancellationToken.None));

        Assert.False(e.IsPermanent);
        Assert.Contains("127.0.0.1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_site_trips_its_circuit_and_later_calls_fail_fast_without_reaching_it()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Confluence:RetryBaseDelay"] = "00:00:00.001",
            ["Confluence:MaxRetries"] = "1",
            ["Confluence:CircuitBreakerMinimumThroughput"] = "4",
            ["Confluence:AllowHttp"] = "true",
            ["Confluence:AllowPrivateNetworks"] = "true",
        }).Build();
        await using var isolated = new ServiceCollection().AddLogging().AddConfluence(configuration).BuildServiceProvider();
        var client = isolated.GetRequiredService<ConfluenceClient>();
        emulator.Faults.Enqueue(HttpMethod.Get, "rest/api/space", 500, times: 1000);

        var failures = new List<PublicationFailedException>();
        for (var i = 0; i < 10; i++)
            failures.Add(await Assert.ThrowsAnyAsync<PublicationFailedException>(() => client.FindSpace(site, "TEAM", CancellationToken.None)));

        Assert.All(failures, f => Assert.False(f.IsPermanent));
        Assert.Contains(failures, f => f.Message.Contains("paused", StringComparison.Ordinal));
        Assert.True(emulator.Requests.All.Count < 20, $"{emulator.Requests.All.Count} requests reached a failing site");
    }

    [Fact]
    public async Task A_slow_read_times_out_and_is_retried_and_a_dropped_connection_on_a_read_too()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Confluence:AttemptTimeout"] = "00:00:00.300",
            ["Confluence:RetryBaseDelay"] = "00:00:00.001",
            ["Confluence:AllowHttp"] = "true",
            ["Confluence:AllowPrivateNetworks"] = "true",
        }).Build();
        await using var isolated = new ServiceCollection().AddLogging().AddConfluence(configuration).BuildServiceProvider();
        var client = isolated.GetRequiredService<ConfluenceClient>();
        emulator.Faults.Slow(HttpMethod.Get, "rest/api/space", TimeSpan.FromSeconds(5));
        emulator.Faults.DropConnection(HttpMethod.Get, "rest/api/content");

        var space = await client.FindSpace(site, "TEAM", CancellationToken.None);
        var page = await client.FindPage(site, "TEAM", "Nothing here", CancellationToken.None);

        Assert.Equal("TEAM", space?.Key);
        Assert.Null(page);
        Assert.Equal([0, 200], emulator.Requests.All.Where(r => r.Path == "/rest/api/content").Select(r => r.Status));
        var space_ = emulator.Requests.All.Where(r => r.Path == "/rest/api/space").Select(r => r.Status).ToList();
        Assert.Equal(1, space_.Count(s => s == 200));
        Assert.Contains(0, space_); // the slow attempt the client gave up on
    }

    [Fact]
    public async Task A_dropped_connection_on_a_write_is_not_blindly_repeated()
    {
        emulator.Faults.DropConnection(HttpMethod.Post, "rest/api/content");

        var e = await Assert.ThrowsAsync<PublicationFailedException>(() =>
            Client.CreatePage(site, new NewPage("TEAM", null, "Once", "<p>x</p>", "m"), CancellationToken.None));

        Assert.False(e.IsPermanent);
        Assert.Single(emulator.Requests.All, r => r.Method == "POST");
    }
}
