using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Api.Demo;
using TeamRetro.Confluence.Api.Integrations;
using TeamRetro.Confluence.Api.Publications;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Integration.Tests.Infrastructure;
using TeamRetro.Confluence.Publishing.Atlassian;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Integration.Tests.Api;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync")]
public sealed class AdminApiTests : IAsyncLifetime
{
    readonly PostgresFixture postgres = new();
    readonly RabbitMqFixture rabbit = new();
    readonly string keys = Directory.CreateTempSubdirectory("teamretro-api-keys-").FullName;
    ConfluenceEmulator emulator = null!;
    ConfluenceEmulator cloud = null!; // Atlassian's OAuth server and a Cloud site behind its gateway
    AdminApiFactory api = null!;
    readonly Guid tenantA = Guid.NewGuid();
    readonly Guid tenantB = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(postgres.InitializeAsync(), rabbit.InitializeAsync());
        emulator = await ConfluenceEmulator.StartAsync(new EmulatorOptions
        {
            Users = [new EmulatorUser("publisher", "right-password")],
            SpaceKeys = ["TEAM", .. Enumerable.Range(1, 30).Select(i => $"ENG{i:00}")], // more than one page of spaces
        });
        cloud = await ConfluenceEmulator.StartAsync(new EmulatorOptions { Product = EmulatedProduct.Cloud, Users = [new EmulatorUser("publisher", "right-password")] });
        api = new AdminApiFactory(postgres, rabbit, keys, cloud: cloud);
        _ = api.Server; // start the host (migrations, bus)
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        await emulator.DisposeAsync();
        await cloud.DisposeAsync();
        await Task.WhenAll(postgres.DisposeAsync(), rabbit.DisposeAsync());
    }

    ServerIntegrationRequest Credentials(string password = "right-password") =>
        new(emulator.BaseUrl.AbsoluteUri, ConfluenceAuthKind.ServerBasic, "publisher", password, "TEAM");

    async Task<Guid> FailedPublication(Guid tenant)
    {
        using var admin = api.ClientFor(tenant);
        (await admin.PutAsJsonAsync($"/api/tenants/{tenant}/integration/credentials", Credentials())).EnsureSuccessStatusCode();
        emulator.Faults.Enqueue(HttpMethod.Post, "/rest/api/content", 403, times: 1000); // the account may not create pages
        var meeting = DemoMeetings.Retrospective(tenant);
        await api.Services.GetRequiredService<MassTransit.IBus>().Publish(meeting);
        var id = PublicationId.For(tenant, meeting.MeetingId);
        await PublicationStore.WaitFor(api.Services, id, p => p.CurrentState == "Failed", "Failed");
        return id;
    }

    [Fact]
    public async Task Anonymous_calls_get_401_and_health_stays_open()
    {
        using var anonymous = api.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/publications")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/tenants/{tenantA}/integration")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Readiness_reports_the_database_and_the_bus()
    {
        using var anonymous = api.CreateClient();

        var ready = await PollReady(anonymous);

        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("masstransit-bus").GetString());
    }

    /// <summary>The bus reports Degraded until its receive endpoints are up: poll with a deadline.</summary>
    static async Task<JsonElement> PollReady(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.GetAsync("/health/ready");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if ((response.IsSuccessStatusCode && body.GetProperty("status").GetString() == "Healthy") || DateTime.UtcNow > deadline)
                return body;
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_admin_endpoints()
    {
        using var anonymous = api.CreateClient();

        var document = await anonymous.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/publications/{id}/replay", document, StringComparison.Ordinal);
        Assert.Contains("/api/tenants/{tenantId}/integration/credentials", document, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/scalar")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_enum_names()
    {
        using var anonymous = api.CreateClient();

        var document = await anonymous.GetStringAsync("/openapi/v1.json");

        foreach (var name in Enum.GetNames<ConfluenceAuthKind>().Concat(Enum.GetNames<ConfluenceApiProfile>()))
            Assert.Contains($"\"{name}\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enum_names_are_accepted_and_answered_as_names_and_numbers_still_bind()
    {
        using var admin = api.ClientFor(tenantA);
        string Body(string authKind, string apiProfile) =>
            $$"""{"baseUrl": "{{emulator.BaseUrl.AbsoluteUri}}", "authKind": {{authKind}}, "username": "publisher", "secret": "right-password", "spaceKey": "TEAM", "apiProfile": {{apiProfile}}}""";

        var byName = await admin.PutAsync($"/api/tenants/{tenantA}/integration/credentials",
            new StringContent(Body("\"ServerBasic\"", "\"V1\""), System.Text.Encoding.UTF8, "application/json"));
        var byNumber = await admin.PutAsync($"/api/tenants/{tenantA}/integration/credentials",
            new StringContent(Body("0", "0"), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
        var view = await byName.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ServerBasic", view.GetProperty("authKind").GetString());
        Assert.Equal("V1", view.GetProperty("apiProfile").GetString());
        Assert.Equal(HttpStatusCode.OK, byNumber.StatusCode);
    }

    [Fact]
    public async Task An_unknown_enum_name_is_a_400_whose_problem_details_name_the_field()
    {
        using var admin = api.ClientFor(tenantA);
        var body = $$"""{"baseUrl": "{{emulator.BaseUrl.AbsoluteUri}}", "authKind": "Nope", "username": "publisher", "secret": "right-password", "spaceKey": "TEAM"}""";

        var response = await admin.PutAsync($"/api/tenants/{tenantA}/integration/credentials",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.True(problem.GetProperty("errors").TryGetProperty("authKind", out var errors), problem.ToString());
        Assert.Contains("ServerBasic", errors.ToString(), StringComparison.Ordinal); // the allowed names
        Assert.DoesNotContain("Nope", text, StringComparison.Ordinal); // never echoed
    }

    [Fact]
    public async Task Failed_publication_is_listed_fixed_replayed_and_published_once()
    {
        var id = await FailedPublication(tenantA);
        using var admin = api.ClientFor(tenantA);

        var failed = await admin.GetFromJsonAsync<PublicationPage>($"/api/publications?state=Failed", Json);
        var listed = Assert.Single(failed!.Items);
        Assert.Equal("EnsureParentPage", listed.FailedStep); // the first page the account is not allowed to create
        Assert.Contains("403", listed.LastError, StringComparison.Ordinal);

        emulator.Faults.Clear(); // the admin fixes the space permission
        var replay = await admin.PostAsync($"/api/publications/{id}/replay", null);
        var twice = await admin.PostAsync($"/api/publications/{id}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.True(twice.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict);

        var published = await PublicationStore.WaitFor(api.Services, id, p => p.CurrentState == "Published", "Published");
        Assert.Single(emulator.State.Pages, p => p.ParentId is not null);
        Assert.Single(emulator.State.AttachmentsOf(published.PageId!));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/publications/{id}/replay", null)).StatusCode);
        var detail = await admin.GetFromJsonAsync<PublicationDetail>($"/api/publications/{id}", Json);
        Assert.Equal("Published", detail!.Summary.State);
        Assert.Equal(1, detail.ReplayCount);
    }

    [Fact]
    public async Task Integration_status_shows_the_last_failure_until_it_is_fixed_then_the_last_success()
    {
        var id = await FailedPublication(tenantA);
        using var admin = api.ClientFor(tenantA);

        var failing = await admin.GetFromJsonAsync<IntegrationView>($"/api/tenants/{tenantA}/integration", Json);
        Assert.Equal(1, failing!.Activity.FailedCount);
        Assert.Equal(id, failing.Activity.LastFailure!.PublicationId);
        Assert.Equal("EnsureParentPage", failing.Activity.LastFailure.Step);
        Assert.Null(failing.Activity.LastPublishedAt);

        emulator.Faults.Clear();
        (await admin.PostAsync($"/api/publications/{id}/replay", null)).EnsureSuccessStatusCode();
        await PublicationStore.WaitFor(api.Services, id, p => p.CurrentState == "Published", "Published");

        var healthy = await admin.GetFromJsonAsync<IntegrationView>($"/api/tenants/{tenantA}/integration", Json);
        Assert.Equal(0, healthy!.Activity.FailedCount);
        Assert.Null(healthy.Activity.LastFailure);
        Assert.NotNull(healthy.Activity.LastPublishedAt);
        var detail = await admin.GetFromJsonAsync<PublicationDetail>($"/api/publications/{id}", Json);
        Assert.Equal(["Accepted", "Started", "Started", "Failed", "Replayed", "Started", "Started", "Started", "Published"],
            detail!.History.Select(e => e.What));
    }

    [Fact]
    public async Task Cancel_stops_a_failed_publication_once_and_only_for_its_own_tenant()
    {
        var id = await FailedPublication(tenantA);
        using var admin = api.ClientFor(tenantA);
        using var otherAdmin = api.ClientFor(tenantB, subject: "admin-b");

        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.PostAsync($"/api/publications/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/publications/{id}/cancel", null)).StatusCode);
        await PublicationStore.WaitFor(api.Services, id, p => p.CurrentState == "Cancelled", "Cancelled");

        var again = await admin.PostAsync($"/api/publications/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Contains("this one is Cancelled", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var missing = await admin.GetAsync($"/api/publications/{Guid.NewGuid()}");
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/publications/{id}/replay", null)).StatusCode);
        var detail = await admin.GetFromJsonAsync<PublicationDetail>($"/api/publications/{id}", Json);
        Assert.Equal("Cancelled", detail!.Summary.State);
        Assert.Equal("Cancelled by admin-a", detail.History[^1].Detail);
    }

    [Fact]
    public async Task A_publication_waiting_on_a_quota_says_until_when_and_why_and_an_admin_can_retry_it_now()
    {
        using var admin = api.ClientFor(tenantA);
        (await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/credentials", Credentials())).EnsureSuccessStatusCode();
        emulator.Faults.Window(TimeSpan.FromHours(1), 429, retryAfter: TimeSpan.FromMinutes(30));
        var meeting = DemoMeetings.Retrospective(tenantA);
        await api.Services.GetRequiredService<MassTransit.IBus>().Publish(meeting);
        var id = PublicationId.For(tenantA, meeting.MeetingId);
        await PublicationStore.WaitFor(api.Services, id, p => p.CurrentState == PublicationStates.Waiting, PublicationStates.Waiting);

        var detail = await admin.GetFromJsonAsync<PublicationDetail>($"/api/publications/{id}", Json);
        var waiting = detail!.Summary.Waiting!;
        Assert.InRange(waiting.NextAttemptAt, DateTimeOffset.UtcNow.AddMinutes(25), DateTimeOffset.UtcNow.AddMinutes(31));
        Assert.Matches(@"^Waiting until \d\d:\d\d UTC: .*rate limiting.*, attempt 1\.$", waiting.Text);
        using (var other = api.ClientFor(tenantB))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/publications/{id}/retry-now", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/publications/retry-now?tenantId={tenantA}", null)).StatusCode);
        }

        emulator.Faults.Clear(); // the quota was raised: no reason to wait for the half hour
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/publications/{id}/retry-now", null)).StatusCode);

        await PublicationStore.WaitFor(api.Services, id, p => p.CurrentState == PublicationStates.Published, PublicationStates.Published);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/publications/{id}/retry-now", null)).StatusCode);
        var none = await admin.PostAsync($"/api/publications/retry-now?tenantId={tenantA}", null);
        Assert.Equal(0, (await none.Content.ReadFromJsonAsync<RetryNowResult>(Json))!.Resumed);
    }

    [Fact]
    public async Task Publications_page_newest_first_without_repeats_and_refuse_a_forged_cursor()
    {
        var created = DateTimeOffset.Parse("2026-11-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            var id = Guid.NewGuid();
            ids.Add(id);
            // Two rows share each creation time, so the id breaks ties.
            await PublicationStore.Insert(api.Services, new ReportPublication
            {
                CorrelationId = id, TenantId = tenantA, MeetingId = Guid.NewGuid(), CurrentState = "Published",
                MeetingTitle = $"Meeting {i}", CreatedAt = created.AddMinutes(i / 2), UpdatedAt = created,
            });
        }

        using var admin = api.ClientFor(tenantA);
        var seen = new List<PublicationSummary>();
        string? after = null;
        do
        {
            var page = await admin.GetFromJsonAsync<PublicationPage>($"/api/publications?limit=3{(after is null ? "" : $"&after={after}")}", Json);
            seen.AddRange(page!.Items);
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(ids.Order(), seen.Select(s => s.Id).Order());
        Assert.Equal(["Meeting 6", "Meeting 5", "Meeting 4"], seen.Take(3).Select(s => s.MeetingTitle).Order().Reverse());
        var forged = await admin.GetAsync("/api/publications?after=..%2F..%2Fetc");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("cursor", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Space_picker_lists_every_space_through_paging_searches_and_checks_the_choice()
    {
        using var admin = api.ClientFor(tenantA);
        (await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/credentials", Credentials())).EnsureSuccessStatusCode();

        var all = await admin.GetFromJsonAsync<SpaceList>($"/api/tenants/{tenantA}/integration/spaces", Json);
        var found = await admin.GetFromJsonAsync<SpaceList>($"/api/tenants/{tenantA}/integration/spaces?q=eng1", Json);
        var unknown = await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/space", new SpaceRequest("NOPE"));
        var chosen = await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/space", new SpaceRequest("ENG12"));

        Assert.Equal(31, all!.Total);
        Assert.Equal(31, all.Items.Count);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"ENG{i}"), found!.Items.Select(s => s.Key));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("ENG12", (await chosen.Content.ReadFromJsonAsync<IntegrationView>(Json))!.SpaceKey);
        Assert.Contains(emulator.Requests.All, r => r.Path.EndsWith("/rest/api/space", StringComparison.Ordinal) && r.Query.Contains("start=25", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Parent_titles_steer_new_reports_and_blank_titles_are_refused()
    {
        using var admin = api.ClientFor(tenantA);
        (await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/credentials", Credentials())).EnsureSuccessStatusCode();

        var blank = await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/parent-titles", new ParentTitlesRequest(" ", null));
        var set = await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/parent-titles", new ParentTitlesRequest("Team Retros", null));
        var meeting = DemoMeetings.Retrospective(tenantA);
        await api.Services.GetRequiredService<MassTransit.IBus>().Publish(meeting);
        var published = await PublicationStore.WaitFor(api.Services, PublicationId.For(tenantA, meeting.MeetingId), p => p.CurrentState == "Published", "Published");

        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        var view = await set.Content.ReadFromJsonAsync<IntegrationView>(Json);
        Assert.Equal(("Team Retros", "Health Checks"), (view!.RetrospectiveParentTitle, view.HealthCheckParentTitle));
        var parent = Assert.Single(emulator.State.Pages, p => p.Title == "Team Retros");
        Assert.Equal(parent.Id, published.ParentPageId);
    }

    [Fact]
    public async Task Deleting_an_integration_forgets_it_and_later_publications_fail_saying_so()
    {
        using var admin = api.ClientFor(tenantA);
        (await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/credentials", Credentials())).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/tenants/{tenantA}/integration")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/tenants/{tenantA}/integration")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/tenants/{tenantA}/integration")).StatusCode);
        var meeting = DemoMeetings.Retrospective(tenantA);
        await api.Services.GetRequiredService<MassTransit.IBus>().Publish(meeting);
        var failed = await PublicationStore.WaitFor(api.Services, PublicationId.For(tenantA, meeting.MeetingId), p => p.CurrentState == "Failed", "Failed");
        Assert.Contains("No Confluence integration", failed.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_integration_with_purge_deletes_that_tenants_publications_and_no_one_elses()
    {
        await PublicationStore.ConfigureIntegration(api.Services, tenantA, emulator.BaseUrl, "publisher", "right-password", "TEAM");
        async Task<Guid> Row(Guid tenant)
        {
            var row = new ReportPublication
            {
                CorrelationId = Guid.NewGuid(), TenantId = tenant, MeetingId = Guid.NewGuid(), CurrentState = "Published",
                MeetingTitle = "Sprint review", MeetingJson = "{}", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            await PublicationStore.Insert(api.Services, row);
            return row.CorrelationId;
        }
        foreach (var _ in Enumerable.Range(0, 3))
            await Row(tenantA);
        Guid[] others = [await Row(tenantB), await Row(tenantB)];
        using var admin = api.ClientFor(tenantA);
        using var otherAdmin = api.ClientFor(tenantB, subject: "admin-b");

        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.DeleteAsync($"/api/tenants/{tenantA}/integration?purge=true")).StatusCode);
        var purge = await admin.DeleteAsync($"/api/tenants/{tenantA}/integration?purge=true");

        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(new TenantDataDeleted(true, 3), await purge.Content.ReadFromJsonAsync<TenantDataDeleted>(Json));
        var left = await PublicationStore.All(api.Services);
        Assert.DoesNotContain(left, p => p.TenantId == tenantA);
        Assert.Equal(others.Order(), left.Where(p => p.TenantId == tenantB).Select(p => p.CorrelationId).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/tenants/{tenantA}/integration")).StatusCode);
    }

    [Fact]
    public async Task A_purged_publication_says_when_and_its_replay_is_refused_with_the_reason()
    {
        var purgedAt = DateTimeOffset.Parse("2026-03-01T04:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var id = Guid.NewGuid();
        await PublicationStore.Insert(api.Services, new ReportPublication
        {
            CorrelationId = id, TenantId = tenantA, MeetingId = Guid.NewGuid(), CurrentState = "Failed", FailedStep = "PublishReportPage",
            MeetingTitle = "Sprint 3", MeetingJson = "", CreatedAt = purgedAt.AddDays(-91), UpdatedAt = purgedAt.AddDays(-90), PurgedAt = purgedAt,
        });
        using var admin = api.ClientFor(tenantA);

        var detail = await admin.GetFromJsonAsync<PublicationDetail>($"/api/publications/{id}", Json);
        Assert.Equal(purgedAt, detail!.SnapshotPurgedAt);
        Assert.Empty(detail.History);
        var replay = await admin.PostAsync($"/api/publications/{id}/replay", null);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Contains("snapshot was purged on 2026-03-01", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var bulk = await admin.PostAsync($"/api/publications/replay?tenantId={tenantA}", null);
        Assert.Equal(new BulkReplayResult(0, false), await bulk.Content.ReadFromJsonAsync<BulkReplayResult>(Json));
    }

    [Fact]
    public async Task Disabled_integration_fails_publications_and_a_bulk_replay_recovers_them_once_enabled()
    {
        using var admin = api.ClientFor(tenantA);
        (await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/credentials", Credentials())).EnsureSuccessStatusCode();
        var disabled = await admin.PutAsync($"/api/tenants/{tenantA}/integration/enabled?enabled=false", null);
        Assert.Contains("\"status\":\"disabled\"", await disabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var meetings = Enumerable.Range(0, 3).Select(_ => DemoMeetings.Retrospective(tenantA)).ToList();
        foreach (var meeting in meetings)
            await api.Services.GetRequiredService<MassTransit.IBus>().Publish(meeting);
        var ids = meetings.Select(m => PublicationId.For(m.TenantId, m.MeetingId)).ToList();
        await PublicationStore.WaitForAll(api.Services, ids, p => p.CurrentState == "Failed", "Failed", TimeSpan.FromSeconds(60));

        (await admin.PutAsync($"/api/tenants/{tenantA}/integration/enabled?enabled=true", null)).EnsureSuccessStatusCode();
        var since = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"));
        var replay = await admin.PostAsync($"/api/publications/replay?failedStep=ResolveSpace&from={since}", null);
        var result = await replay.Content.ReadFromJsonAsync<BulkReplayResult>(Json);

        Assert.Equal(3, result!.Queued);
        Assert.False(result.MoreRemain);
        await PublicationStore.WaitForAll(api.Services, ids, p => p.CurrentState == "Published", "Published", TimeSpan.FromSeconds(90));
        Assert.Equal(3, emulator.State.Pages.Count(p => p.ParentId is not null));
    }

    [Fact]
    public async Task One_tenants_admin_cannot_see_change_or_replay_another_tenants_data()
    {
        var id = await FailedPublication(tenantB);
        using var adminA = api.ClientFor(tenantA);
        using var operatorClient = api.ClientFor(null, "operator", "ops");

        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/api/publications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.PostAsync($"/api/publications/{id}/replay", null)).StatusCode);
        Assert.Empty((await adminA.GetFromJsonAsync<PublicationPage>($"/api/publications?tenantId={tenantB}", Json))!.Items);
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/api/tenants/{tenantB}/integration")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.PutAsJsonAsync($"/api/tenants/{tenantB}/integration/credentials", Credentials())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync($"/api/publications/{id}")).StatusCode);
    }

    [Fact]
    public async Task Credentials_are_verified_live_and_never_returned()
    {
        using var admin = api.ClientFor(tenantA);

        var wrong = await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/credentials", Credentials("wrong-password"));
        var right = await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/credentials", Credentials());
        var view = await admin.GetStringAsync($"/api/tenants/{tenantA}/integration");

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("401", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.DoesNotContain("right-password", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("right-password", view, StringComparison.Ordinal);
        Assert.DoesNotContain("CfDJ8", view, StringComparison.Ordinal); // nor the ciphertext
        Assert.Contains("\"status\":\"connected\"", view, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_personal_access_token_that_Data_Center_runs_as_anonymous_is_refused()
    {
        await using var dataCenter = await ConfluenceEmulator.StartAsync(new EmulatorOptions
        {
            AllowAnonymous = true,
            Users = [new EmulatorUser("pat-user", "unused", PersonalAccessToken: "right-pat")],
        });
        using var admin = api.ClientFor(tenantA);
        ServerIntegrationRequest Pat(string token) => new(dataCenter.BaseUrl.AbsoluteUri, ConfluenceAuthKind.ServerPersonalAccessToken, null, token, "TEAM");

        var wrong = await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/credentials", Pat("wrong-pat"));
        var right = await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/credentials", Pat("right-pat"));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("anonymous", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task A_broken_tenant_template_is_refused_with_line_and_column()
    {
        using var admin = api.ClientFor(tenantA);
        (await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/credentials", Credentials())).EnsureSuccessStatusCode();

        var broken = await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/templates/Retrospective", new TemplateRequest("<p>ok</p>\n<p>{{ for c in columns }}</p>"));
        var fine = await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/templates/Retrospective", new TemplateRequest("<h1>{{ team | html.escape }}</h1>"));

        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        var problem = await broken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, problem.GetProperty("line").GetInt32());
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task Cloud_connect_state_is_bound_to_the_admin_who_started_it()
    {
        using var adminA = api.ClientFor(tenantA, subject: "admin-a");
        using var otherAdmin = api.ClientFor(tenantA, subject: "admin-z");
        var start = await adminA.PostAsJsonAsync($"/api/tenants/{tenantA}/integration/cloud/connect", new CloudConnectRequest(ConfluenceApiProfile.CloudV2));
        var authorize = new Uri((await start.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["authorizeUrl"]);
        var state = QueryHelpers.ParseQuery(authorize.Query)["state"].ToString();

        var stolen = await otherAdmin.GetAsync($"/api/tenants/{tenantA}/integration/cloud/callback?code={cloud.OAuth.IssueCode("publisher", "x")}&state={Uri.EscapeDataString(state)}");
        var own = await adminA.GetAsync($"/api/tenants/{tenantA}/integration/cloud/callback?code={cloud.OAuth.IssueCode("publisher", "x")}&state={Uri.EscapeDataString(state)}");
        var forged = await adminA.GetAsync($"/api/tenants/{tenantA}/integration/cloud/callback?code=c&state=forged");

        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains(cloud.OAuth.CloudId, await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    /// <summary>Runs the connect flow for tenant A (start, Atlassian's callback) as its admin, who then picks a site.</summary>
    async Task<HttpClient> ConnectedToCloud()
    {
        var admin = api.ClientFor(tenantA);
        var start = await admin.PostAsJsonAsync($"/api/tenants/{tenantA}/integration/cloud/connect", new CloudConnectRequest(ConfluenceApiProfile.CloudV2));
        var authorize = new Uri((await start.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["authorizeUrl"]);
        var state = QueryHelpers.ParseQuery(authorize.Query)["state"].ToString();
        var code = cloud.OAuth.IssueCode("publisher", OAuthScopes.For(ConfluenceApiProfile.CloudV2));
        (await admin.GetAsync($"/api/tenants/{tenantA}/integration/cloud/callback?code={code}&state={Uri.EscapeDataString(state)}")).EnsureSuccessStatusCode();
        return admin;
    }

    static async Task AssertProblemNames(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../../admin")]
    [InlineData("7e5c0d1a-0000-4000-8000-00000000dead")] // well formed, but not a site of this consent
    [InlineData("")]
    public async Task Cloud_site_choice_accepts_only_a_site_this_consent_can_reach(string cloudId)
    {
        using var admin = await ConnectedToCloud();

        var response = await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/cloud/site", new CloudSiteRequest(cloudId, "TEAM"));

        await AssertProblemNames(response, "cloudId");
        var stored = await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{tenantA}/integration");
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("cloudId").ValueKind);
    }

    [Fact]
    public async Task Cloud_site_choice_needs_a_space_that_exists_on_the_site()
    {
        using var admin = await ConnectedToCloud();

        var unknown = await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/cloud/site", new CloudSiteRequest(cloud.OAuth.CloudId, "NOPE"));
        var right = await admin.PutAsJsonAsync($"/api/tenants/{tenantA}/integration/cloud/site", new CloudSiteRequest(cloud.OAuth.CloudId, "TEAM"));

        await AssertProblemNames(unknown, "spaceKey");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var stored = await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{tenantA}/integration");
        Assert.Equal(cloud.OAuth.CloudId, stored.GetProperty("cloudId").GetString());
        Assert.Equal("TEAM", stored.GetProperty("spaceKey").GetString());
    }

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
