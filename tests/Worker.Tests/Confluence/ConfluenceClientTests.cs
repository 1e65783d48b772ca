using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Worker.Tests.Confluence;

/// <summary>The real client and HTTP pipeline (allow-list, retries) against the emulator.</summary>
public sealed class ConfluenceClientTests() : ConfluenceClientFixtureTests(() => ConfluenceClientFixture.StartAsync(
    new EmulatorOptions { Users = [new EmulatorUser("u", "p")], SpaceKeys = ["TEAM"] },
    emulator => new ConfluenceSite(Guid.NewGuid(), emulator.BaseUrl, new BasicCredentials("u", "p"), ConfluenceProduct.DataCenter),
    new Dictionary<string, string?> { ["Confluence:RetryBaseDelay"] = "00:00:00.010", ["Confluence:MaxRetries"] = "3" }))
{
    [Fact]
    public async Task Space_listing_follows_next_links_to_the_end()
    {
        for (var i = 0; i < 60; i++)
            Emulator.State.AddSpace($"S{i:00}");

        var spaces = new List<ConfluenceSpace>();
        await foreach (var space in Client.ListSpaces(Site, CancellationToken.None))
            spaces.Add(space);

        Assert.Equal(61, spaces.Select(s => s.Key).Distinct().Count());
        Assert.Equal(3, Emulator.Requests.All.Count(r => r.Path == "/rest/api/space"));
    }

    [Fact]
    public async Task Space_listing_keeps_a_data_center_context_path()
    {
        await using var confluence = await ConfluenceEmulator.StartAsync(new EmulatorOptions { ContextPath = "/confluence", Users = [new EmulatorUser("u", "p")] });
        for (var i = 0; i < 30; i++)
            confluence.State.AddSpace($"W{i:00}");

        var count = 0;
        await foreach (var _ in Client.ListSpaces(Site with { BaseUrl = confluence.SiteUrl }, CancellationToken.None))
            count++;

        Assert.Equal(31, count);
        Assert.Equal(2, confluence.Requests.All.Count);
        Assert.All(confluence.Requests.All, r => Assert.Equal("/confluence/rest/api/space", r.Path));
    }

    [Fact]
    public async Task Create_find_update_and_attach()
    {
        var created = await Client.CreatePage(Site, new NewPage("TEAM", null, "Report & more", "<p>one</p>", "sha256:abc"), CancellationToken.None);
        var found = await Client.FindPage(Site, "TEAM", "Report & more", CancellationToken.None);
        var updated = await Client.UpdatePage(Site, new PageUpdate(created.Id, "Report & more", "<p>two</p>", 2, "second"), CancellationToken.None);
        var attachment = await Client.UploadAttachment(Site, Pdf(created.Id, [1, 2, 3]), null, CancellationToken.None);

        Assert.Equal(created.Id, found?.Id);
        Assert.Equal("sha256:abc", found?.VersionMessage);
        Assert.Equal(2, updated.Version);
        Assert.Equal(1, attachment.Version);
        Assert.StartsWith(Emulator.BaseUrl.AbsoluteUri + "spaces/TEAM/pages/", found?.WebUrl, StringComparison.Ordinal);
        AllowListAssert.EveryRequestAllowed(Emulator.Requests.All, ConfluenceProduct.DataCenter, ConfluenceApiProfile.V1);
    }

    static AttachmentUpload Pdf(string pageId, byte[] content) => new(pageId, "a.pdf", "application/pdf", content, "sha256:x");

    [Fact]
    public async Task Data_center_creates_the_pdf_with_post_and_versions_it_by_id_never_with_put()
    {
        var page = await Client.CreatePage(Site, new NewPage("TEAM", null, "Versioned PDF", "<p>x</p>", "m"), CancellationToken.None);

        var first = await Client.UploadAttachment(Site, Pdf(page.Id, [1]), null, CancellationToken.None);
        var second = await Client.UploadAttachment(Site, Pdf(page.Id, [2]), first.Id, CancellationToken.None);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, second.Version);
        var pdf = Assert.Single(Emulator.State.AttachmentsOf(page.Id));
        Assert.Equal([2], pdf.Data);
        Assert.Equal(["POST /rest/api/content", $"POST /rest/api/content/{page.Id}/child/attachment", $"POST /rest/api/content/{page.Id}/child/attachment/{first.Id}/data"],
            Emulator.Requests.All.Select(r => $"{r.Method} {r.Path}"));
    }

    [Fact]
    public async Task Data_center_upload_whose_answer_was_lost_adds_a_version_instead_of_failing_on_the_same_file_name()
    {
        var page = await Client.CreatePage(Site, new NewPage("TEAM", null, "Lost answer", "<p>x</p>", "m"), CancellationToken.None);
        Emulator.Faults.FailAfterWork(HttpMethod.Post, "/child/attachment", 500);

        var lost = await Assert.ThrowsAsync<ConfluenceApiException>(() => Client.UploadAttachment(Site, Pdf(page.Id, [1]), null, CancellationToken.None));
        var retried = await Client.UploadAttachment(Site, Pdf(page.Id, [2]), null, CancellationToken.None);

        Assert.False(lost.IsPermanent);
        var pdf = Assert.Single(Emulator.State.AttachmentsOf(page.Id));
        Assert.Equal((pdf.Id, 2), (retried.Id, retried.Version));
        Assert.Contains(Emulator.Requests.All, r => r.Method == "GET" && r.Query == "?filename=a.pdf" && r.Status == 200);
    }

    [Fact]
    public async Task Data_center_pdf_deleted_by_someone_is_created_again()
    {
        var page = await Client.CreatePage(Site, new NewPage("TEAM", null, "Deleted PDF", "<p>x</p>", "m"), CancellationToken.None);

        var again = await Client.UploadAttachment(Site, Pdf(page.Id, [1]), knownAttachmentId: "att1", CancellationToken.None);

        Assert.Equal(Assert.Single(Emulator.State.AttachmentsOf(page.Id)).Id, again.Id);
    }

    [Fact]
    public async Task Data_center_upload_to_a_deleted_page_fails_saying_so()
    {
        var e = await Assert.ThrowsAsync<ConfluenceApiException>(() => Client.UploadAttachment(Site, Pdf("4242", [1]), null, CancellationToken.None));

        Assert.True(e.IsPermanent);
        Assert.Contains("page still exists", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_center_listing_two_attachments_of_that_name_fails_saying_what_to_do()
    {
        var page = await Client.CreatePage(Site, new NewPage("TEAM", null, "Two PDFs", "<p>x</p>", "m"), CancellationToken.None);
        await Client.UploadAttachment(Site, Pdf(page.Id, [1]), null, CancellationToken.None);
        var twice = $$"""{"results":[{"id":"att1","title":"a.pdf"},{"id":"att2","title":"a.pdf"}],"size":2}""";
        Emulator.Faults.Answer(HttpMethod.Get, "/child/attachment", 200, twice);

        var e = await Assert.ThrowsAsync<PublicationFailedException>(() => Client.UploadAttachment(Site, Pdf(page.Id, [2]), null, CancellationToken.None));

        Assert.True(e.IsPermanent);
        Assert.Contains("2 attachments named 'a.pdf'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stale_update_surfaces_as_a_transient_conflict()
    {
        var created = await Client.CreatePage(Site, new NewPage("TEAM", null, "Stale", "<p>one</p>", "m"), CancellationToken.None);

        var e = await Assert.ThrowsAsync<ConfluenceApiException>(() =>
            Client.UpdatePage(Site, new PageUpdate(created.Id, "Stale", "<p>x</p>", 5, "m"), CancellationToken.None));

        Assert.True(e.IsStaleVersion);
        Assert.False(e.IsPermanent);
        Assert.Contains("Current version is: 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limited_reads_and_writes_are_retried_but_a_failed_write_is_not_blindly_repeated()
    {
        Emulator.Faults.Enqueue(HttpMethod.Get, "rest/api/space", 429, times: 2, retryAfter: TimeSpan.Zero);
        Emulator.Faults.Enqueue(HttpMethod.Post, "rest/api/content", 429, times: 1, retryAfter: TimeSpan.Zero);
        Emulator.Faults.FailAfterWork(HttpMethod.Post, "rest/api/content", 500, times: 1);

        var space = await Client.FindSpace(Site, "TEAM", CancellationToken.None);
        var e = await Assert.ThrowsAsync<ConfluenceApiException>(() =>
            Client.CreatePage(Site, new NewPage("TEAM", null, "Once", "<p>x</p>", "m"), CancellationToken.None));

        Assert.Equal("TEAM", space?.Key);
        Assert.Equal(3, Emulator.Requests.All.Count(r => r.Method == "GET"));
        Assert.Equal(2, Emulator.Requests.All.Count(r => r.Method == "POST")); // the 429, then the one that failed after creating
        Assert.False(e.IsPermanent);
        Assert.Single(Emulator.State.Pages);
    }

    [Fact]
    public async Task Unreachable_confluence_is_a_transient_failure_naming_the_host()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var gone = Site with { BaseUrl = new Uri($"http://127.0.0.1:{port}/") };

        var e = await Assert.ThrowsAsync<ConfluenceUnavailableException>(() => Client.FindSpace(gone, "TEAM", CancellationToken.None));

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
        Emulator.Faults.Enqueue(HttpMethod.Get, "rest/api/space", 500, times: 1000);

        var failures = new List<PublicationFailedException>();
        for (var i = 0; i < 10; i++)
            failures.Add(await Assert.ThrowsAnyAsync<PublicationFailedException>(() => client.FindSpace(Site, "TEAM", CancellationToken.None)));

        Assert.All(failures, f => Assert.False(f.IsPermanent));
        Assert.Contains(failures, f => f.Message.Contains("paused", StringComparison.Ordinal));
        Assert.True(Emulator.Requests.All.Count < 20, $"{Emulator.Requests.All.Count} requests reached a failing Site");
    }

    [Fact]
    public async Task A_slow_read_times_out_and_is_retried_and_a_dropped_connection_on_a_read_too()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Confluence:AttemptTimeout"] = "00:00:01",
            ["Confluence:RetryBaseDelay"] = "00:00:00.001",
            ["Confluence:AllowHttp"] = "true",
            ["Confluence:AllowPrivateNetworks"] = "true",
        }).Build();
        await using var isolated = new ServiceCollection().AddLogging().AddConfluence(configuration).BuildServiceProvider();
        var client = isolated.GetRequiredService<ConfluenceClient>();
        Emulator.Faults.Slow(HttpMethod.Get, "rest/api/space", TimeSpan.FromSeconds(5));
        Emulator.Faults.DropConnection(HttpMethod.Get, "rest/api/content");

        var space = await client.FindSpace(Site, "TEAM", CancellationToken.None);
        var page = await client.FindPage(Site, "TEAM", "Nothing here", CancellationToken.None);

        Assert.Equal("TEAM", space?.Key);
        Assert.Null(page);
        Assert.Equal([0, 200], Emulator.Requests.All.Where(r => r.Path == "/rest/api/content").Select(r => r.Status));
        var space_ = Emulator.Requests.All.Where(r => r.Path == "/rest/api/space").Select(r => r.Status).ToList();
        Assert.Equal(1, space_.Count(s => s == 200));
        Assert.Contains(0, space_); // the slow attempt the client gave up on
    }

    [Fact]
    public async Task A_dropped_connection_on_a_write_is_not_blindly_repeated()
    {
        Emulator.Faults.DropConnection(HttpMethod.Post, "rest/api/content");

        var e = await Assert.ThrowsAsync<ConfluenceUnavailableException>(() =>
            Client.CreatePage(Site, new NewPage("TEAM", null, "Once", "<p>x</p>", "m"), CancellationToken.None));

        Assert.False(e.IsPermanent);
        Assert.Single(await Emulator.Requests.Once(r => r.Method == "POST"), r => r.Method == "POST");
    }

    [Fact]
    public async Task Data_center_answering_an_upload_without_the_attachment_is_a_transient_failure()
    {
        var page = await Client.CreatePage(Site, new NewPage("TEAM", null, "No id", "<p>x</p>", "m"), CancellationToken.None);
        Emulator.Faults.Answer(HttpMethod.Post, "/child/attachment", 200, """{"results":[{"title":"a.pdf"}],"size":1}""");

        var e = await Assert.ThrowsAsync<PublicationFailedException>(() => Client.UploadAttachment(Site, Pdf(page.Id, [1]), null, CancellationToken.None));

        Assert.False(e.IsPermanent);
        Assert.Contains("without the attachment", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_pages_forever_is_left_after_a_hundred_pages()
    {
        Emulator.Faults.AnswerEach(HttpMethod.Get, "/rest/api/space", 200,
            n => $$$"""{"results":[{"id":{{{n}}},"key":"K{{{n}}}","name":"n"}],"_links":{"next":"/rest/api/space?limit=100&start={{{n + 1}}}"}}""", times: 1000);

        var e = await Assert.ThrowsAsync<PublicationFailedException>(async () =>
        {
            await foreach (var _ in Client.ListSpaces(Site, CancellationToken.None)) { }
        });

        Assert.True(e.IsPermanent);
        Assert.Equal(ConfluenceClient.MaxListPages, Emulator.Requests.All.Count);
    }

    [Fact]
    public async Task Only_the_position_is_taken_from_a_next_link_never_its_host_path_or_query()
    {
        Emulator.Faults.Answer(HttpMethod.Get, "/rest/api/space", 200,
            """{"results":[],"_links":{"next":"https://evil.example/confluence/rest/api/content?spaceKey=HR&expand=body.storage,history&start=25"}}""");

        await foreach (var _ in Client.ListSpaces(Site, CancellationToken.None)) { }

        var requests = Emulator.Requests.All;
        Assert.Equal(2, requests.Count);
        Assert.Equal(("/rest/api/space", "?limit=100&start=25"), (requests[1].Path, requests[1].Query));
    }

    [Fact]
    public async Task An_answer_trickled_past_the_call_deadline_fails_as_transient()
    {
        await using var isolated = Isolated(new() { ["Confluence:CallTimeout"] = "00:00:01", ["Confluence:AttemptTimeout"] = "00:01:00", ["Confluence:MaxRetries"] = "1" });
        Emulator.Faults.Trickle(HttpMethod.Get, "/rest/api/space", """{"results":[],"_links":{}}""", TimeSpan.FromSeconds(20));

        var e = await Assert.ThrowsAsync<ConfluenceUnavailableException>(() => isolated.GetRequiredService<ConfluenceClient>().FindSpace(Site, "TEAM", CancellationToken.None));

        Assert.False(e.IsPermanent);
        Assert.Contains("did not answer within", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_over_ten_megabytes_is_refused()
    {
        Emulator.Faults.Answer(HttpMethod.Get, "/rest/api/space", 200, new string(' ', ConfluenceRegistration.MaxResponseBytes) + """{"results":[]}""");

        var e = await Assert.ThrowsAsync<PublicationFailedException>(() => Client.FindSpace(Site, "TEAM", CancellationToken.None));

        Assert.True(e.IsPermanent);
        Assert.Contains("more than 10 MB", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(document.domain)")]
    [InlineData("https://evil.example/login")]
    [InlineData("//evil.example/login")]
    public async Task A_page_link_that_leaves_the_site_is_dropped(string webui)
    {
        Emulator.Faults.Answer(HttpMethod.Get, "/rest/api/content", 200,
            $$$"""{"results":[{"id":"1","title":"T","version":{"number":1},"_links":{"webui":"{{{webui}}}"}}]}""");

        var page = await Client.FindPage(Site, "TEAM", "T", CancellationToken.None);

        Assert.Equal("1", page?.Id);
        Assert.Null(page?.WebUrl);
    }

    ServiceProvider Isolated(Dictionary<string, string?> settings)
    {
        settings["Confluence:AllowHttp"] = "true";
        settings["Confluence:AllowPrivateNetworks"] = "true";
        settings["Confluence:RetryBaseDelay"] = "00:00:00.001";
        return new ServiceCollection().AddLogging().AddConfluence(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
    }
}
