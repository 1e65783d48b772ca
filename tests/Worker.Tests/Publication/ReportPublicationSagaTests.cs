using TeamRetro.Confluence.Tests.Shared;
using TeamRetro.Confluence.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Publishing.Rendering;
using TeamRetro.Confluence.Worker.Tests.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

public sealed class ReportPublicationSagaTests : IAsyncLifetime
{
    PublicationHarness h = null!;

    public async Task InitializeAsync() => h = await PublicationHarness.StartAsync();

    public async Task DisposeAsync() => await h.DisposeAsync();

    MeetingCompleted Meeting(Guid? meetingId = null) => SampleMeetings.Retrospective(h.TenantId, meetingId ?? Guid.NewGuid());

    static Guid IdOf(MeetingCompleted m) => PublicationId.For(m.TenantId, m.MeetingId);

    [Fact]
    public async Task Meeting_becomes_a_page_under_the_parent_with_its_pdf()
    {
        var meeting = Meeting();
        await h.Publish(meeting);

        var saga = await h.WaitForState(IdOf(meeting), "Published");

        var parent = Assert.Single(h.Emulator.State.Pages, p => p.Title == "Retrospectives");
        var page = Assert.Single(h.Emulator.State.Pages, p => p.Id == saga.PageId);
        Assert.Equal(parent.Id, page.ParentId);
        Assert.Equal(parent.Id, saga.ParentPageId);
        Assert.Equal(PublicationHarness.SpaceKey, saga.SpaceKey);
        Assert.Contains(meeting.Columns[0].Cards[0].Text, System.Net.WebUtility.HtmlDecode(page.Body), StringComparison.Ordinal);
        var pdf = Assert.Single(h.Emulator.State.AttachmentsOf(page.Id));
        Assert.Equal("meeting-summary.pdf", pdf.FileName);
        Assert.Equal(saga.AttachmentId, pdf.Id);
        Assert.Null(saga.LastError);
    }

    [Fact]
    public async Task Health_check_goes_under_its_own_parent()
    {
        var meeting = SampleMeetings.HealthCheck(h.TenantId, Guid.NewGuid());
        await h.Publish(meeting);

        var saga = await h.WaitForState(IdOf(meeting), "Published");

        var parent = Assert.Single(h.Emulator.State.Pages, p => p.Title == "Health Checks");
        Assert.Equal(parent.Id, h.Emulator.State.Pages.Single(p => p.Id == saga.PageId).ParentId);
    }

    [Fact]
    public async Task Redelivered_meeting_does_not_create_a_second_page()
    {
        var meeting = Meeting();
        await Task.WhenAll(h.Publish(meeting), h.Publish(meeting), h.Publish(meeting));

        var saga = await h.WaitForState(IdOf(meeting), "Published");
        Assert.Equal(3, await h.Bus.Consumed.SelectAsync<MeetingCompleted>(x => x.Context.Message.MeetingId == meeting.MeetingId).Take(3).CountAsync());

        var report = Assert.Single(h.Emulator.State.Pages, p => p.ParentId == saga.ParentPageId);
        Assert.True(report.Version == 1, $"v{report.Version}: {report.VersionMessage}; saga attempts {saga.Attempts}"); // identical content: no new version
        var pdf = Assert.Single(h.Emulator.State.AttachmentsOf(report.Id));
        Assert.Equal(1, pdf.VersionCount);
    }

    [Fact]
    public async Task Changed_meeting_updates_the_same_page_and_pdf()
    {
        var meeting = Meeting();
        await h.Publish(meeting);
        var first = await h.WaitForState(IdOf(meeting), "Published");

        var changed = meeting with { ActionItems = [.. meeting.ActionItems, new ActionItem { Text = "Write the runbook", Owner = "Dana" }] };
        await h.Publish(changed);
        var second = await h.WaitFor(IdOf(meeting), p => p.CurrentState == "Published" && p.PageVersion == 2, "republished as version 2");

        Assert.Equal(first.PageId, second.PageId);
        var report = Assert.Single(h.Emulator.State.Pages, p => p.ParentId == first.ParentPageId);
        Assert.Contains("Write the runbook", report.Body, StringComparison.Ordinal);
        var pdf = Assert.Single(h.Emulator.State.AttachmentsOf(report.Id));
        Assert.Equal(2, pdf.VersionCount);
    }

    [Fact]
    public async Task Event_without_tenant_fails_visibly_at_validation()
    {
        var meeting = Meeting() with { TenantId = Guid.Empty };
        await h.Publish(meeting);

        var saga = await h.WaitForState(IdOf(meeting), "Failed");

        Assert.Equal(PublicationSteps.Validate, saga.FailedStep);
        Assert.Contains("tenantId", saga.LastError, StringComparison.Ordinal);
        Assert.True(await h.Bus.Published.Any<ReportPublicationFailed>(x => x.Context.Message.PublicationId == IdOf(meeting)));
        Assert.Empty(h.Emulator.Requests.All);
    }

    [Fact]
    public async Task Unknown_tenant_fails_at_resolve_space_and_replay_succeeds_once_configured()
    {
        var tenant = Guid.NewGuid();
        var meeting = SampleMeetings.Retrospective(tenant, Guid.NewGuid());
        await h.Publish(meeting);

        var failed = await h.WaitForState(IdOf(meeting), "Failed");
        Assert.Equal(PublicationSteps.ResolveSpace, failed.FailedStep);
        Assert.Contains("No Confluence integration", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(1, failed.Attempts); // permanent: no retry storm

        await h.ConfigureIntegration(tenant);
        await h.Replay(IdOf(meeting));

        var published = await h.WaitForState(IdOf(meeting), "Published");
        Assert.Equal(1, published.ReplayCount);
        Assert.Null(published.LastError);
    }

    [Fact]
    public async Task Missing_space_fails_with_a_reason_naming_the_space()
    {
        await h.ConfigureIntegration(h.TenantId, i => i.SpaceKey = "NOPE");
        var meeting = Meeting();
        await h.Publish(meeting);

        var saga = await h.WaitForState(IdOf(meeting), "Failed");

        Assert.Equal(PublicationSteps.ResolveSpace, saga.FailedStep);
        Assert.Contains("'NOPE'", saga.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_fails_permanently_without_leaking_it()
    {
        await h.ConfigureIntegration(h.TenantId, i => i.EncryptedSecret = h.Services.GetRequiredService<SecretProtector>().Protect("wrong-password"));
        var meeting = Meeting();
        await h.Publish(meeting);

        var saga = await h.WaitForState(IdOf(meeting), "Failed");

        Assert.Contains("401", saga.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", saga.LastError, StringComparison.Ordinal);
        Assert.Single(h.Emulator.Requests.All); // no retries of a permanent failure
    }

    [Fact]
    public async Task Parent_page_that_cannot_be_created_fails_at_that_step()
    {
        h.Emulator.Faults.Enqueue(HttpMethod.Post, "rest/api/content", 403, times: 100);
        var meeting = Meeting();
        await h.Publish(meeting);

        var saga = await h.WaitForState(IdOf(meeting), "Failed");

        Assert.Equal(PublicationSteps.EnsureParentPage, saga.FailedStep);
        Assert.Contains("403", saga.LastError, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.State.Pages);
    }

    [Fact]
    public async Task Transient_errors_are_retried_until_published()
    {
        h.Emulator.Faults.Enqueue(HttpMethod.Get, "rest/api/space", 500, times: 3);
        h.Emulator.Faults.Enqueue(HttpMethod.Post, "child/attachment", 429, times: 2, retryAfter: TimeSpan.Zero);
        var meeting = Meeting();
        await h.Publish(meeting);

        var saga = await h.WaitForState(IdOf(meeting), "Published");

        Assert.Single(h.Emulator.State.AttachmentsOf(saga.PageId!));
    }

    [Fact]
    public async Task Lost_answer_to_a_page_create_does_not_duplicate_the_page()
    {
        // A first meeting creates the parent, so the injected failure hits the report page's create.
        var first = Meeting();
        await h.Publish(first);
        await h.WaitForState(IdOf(first), "Published");
        var meeting = Meeting();
        h.Emulator.Faults.FailAfterWork(HttpMethod.Post, "rest/api/content", 500, times: 1);

        await h.Publish(meeting);
        var saga = await h.WaitForState(IdOf(meeting), "Published");

        Assert.Single(h.Emulator.State.Pages, p => p.Title == saga.PageTitle);
        Assert.Equal(3, h.Emulator.State.Pages.Count); // parent + two reports
        Assert.True(h.Emulator.Requests.All.Count(r => r.Method == "POST" && r.Path.EndsWith("rest/api/content", StringComparison.Ordinal)) >= 3);
    }

    [Fact]
    public async Task Page_titled_like_ours_but_not_ours_is_left_alone()
    {
        var meeting = Meeting();
        var title = ReportPageRenderer.TitleFor(meeting);
        h.Emulator.State.AddPage(PublicationHarness.SpaceKey, title, "<p>A human wrote this.</p>");

        await h.Publish(meeting);
        var saga = await h.WaitForState(IdOf(meeting), "Published");

        Assert.NotEqual(title, saga.PageTitle);
        Assert.StartsWith(title, saga.PageTitle, StringComparison.Ordinal);
        var human = Assert.Single(h.Emulator.State.Pages, p => p.Title == title);
        Assert.Equal(1, human.Version);
        Assert.Equal("<p>A human wrote this.</p>", human.Body);
    }

    [Fact]
    public async Task Pdf_failure_marks_the_page_incomplete_and_replay_restores_the_clean_report()
    {
        h.Emulator.Faults.Enqueue(HttpMethod.Post, "child/attachment", 403, times: 100);
        var meeting = Meeting();
        await h.Publish(meeting);

        var failed = await h.WaitForState(IdOf(meeting), "Failed");
        Assert.Equal(PublicationSteps.UploadReportPdf, failed.FailedStep);
        var marked = h.Emulator.State.Pages.Single(p => p.Id == failed.PageId);
        Assert.Contains("The PDF summary is missing", marked.Body, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.State.AttachmentsOf(marked.Id));

        h.Emulator.Faults.Clear();
        await h.Replay(IdOf(meeting));
        var published = await h.WaitForState(IdOf(meeting), "Published");

        var clean = h.Emulator.State.Pages.Single(p => p.Id == published.PageId);
        Assert.Equal(failed.PageId, published.PageId);
        Assert.DoesNotContain("The PDF summary is missing", clean.Body, StringComparison.Ordinal);
        Assert.Single(h.Emulator.State.AttachmentsOf(clean.Id));
        Assert.Single(h.Emulator.State.Pages, p => p.ParentId == published.ParentPageId);
    }

    [Fact]
    public async Task Replay_of_a_published_publication_changes_nothing()
    {
        var meeting = Meeting();
        await h.Publish(meeting);
        var published = await h.WaitForState(IdOf(meeting), "Published");
        var requests = h.Emulator.Requests.All.Count;

        await h.Replay(IdOf(meeting));
        Assert.True(await h.Bus.Consumed.Any<ReplayPublication>(x => x.Context.Message.PublicationId == IdOf(meeting)));

        var after = await h.Find(IdOf(meeting));
        Assert.Equal("Published", after!.CurrentState);
        Assert.Equal(published.Version, after.Version);
        Assert.Equal(requests, h.Emulator.Requests.All.Count);
    }

    [Fact]
    public async Task Cancelled_failed_publication_ignores_replays_and_redeliveries_until_the_meeting_changes()
    {
        var tenant = Guid.NewGuid();
        var meeting = SampleMeetings.Retrospective(tenant, Guid.NewGuid());
        await h.Publish(meeting);
        await h.WaitForState(IdOf(meeting), "Failed");

        await h.Bus.Bus.Publish(new CancelPublication(IdOf(meeting), "admin-a"));
        var cancelled = await h.WaitForState(IdOf(meeting), "Cancelled");
        await h.ConfigureIntegration(tenant);
        await h.Replay(IdOf(meeting));
        await h.Publish(meeting);
        Assert.True(await h.Bus.Consumed.Any<ReplayPublication>(x => x.Context.Message.PublicationId == IdOf(meeting)));
        Assert.Equal(2, await h.Bus.Consumed.SelectAsync<MeetingCompleted>(x => x.Context.Message.MeetingId == meeting.MeetingId).Take(2).CountAsync());

        var still = await h.Find(IdOf(meeting));
        Assert.Equal("Cancelled", still!.CurrentState);
        Assert.DoesNotContain(h.Emulator.State.Pages, p => p.Title.Contains(meeting.Team, StringComparison.Ordinal));
        var history = PublicationHistory.Read(cancelled.History);
        Assert.Equal(["Accepted", "Started", "Failed", "Cancelled"], history.Select(e => e.What));
        Assert.Contains("admin-a", history[^1].Detail, StringComparison.Ordinal);

        await h.Publish(meeting with { Title = meeting.Title + " (edited)" });
        var published = await h.WaitForState(IdOf(meeting), "Published");
        Assert.NotNull(published.PageId);
    }

    [Fact]
    public async Task Cancel_while_a_step_runs_lets_the_step_finish_but_nothing_follows_it()
    {
        var meeting = Meeting();
        h.Emulator.Faults.Slow(HttpMethod.Post, "/rest/api/content", TimeSpan.FromSeconds(2), times: 2);
        await h.Publish(meeting);
        await h.WaitFor(IdOf(meeting), p => p.CurrentState == "PublishingPage", "PublishingPage");

        await h.Bus.Bus.Publish(new CancelPublication(IdOf(meeting), "admin-a"));
        await h.WaitForState(IdOf(meeting), "Cancelled");
        Assert.True(await h.Bus.Published.Any<ReportPagePublished>(x => x.Context.Message.PublicationId == IdOf(meeting)));

        var after = await h.Find(IdOf(meeting));
        Assert.Equal("Cancelled", after!.CurrentState);
        Assert.Null(after.PageId); // the late result is not taken
        Assert.DoesNotContain(h.Emulator.Requests.All, r => r.Path.Contains("/child/attachment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_update_arriving_mid_flight_is_refused_visibly_and_the_valid_version_is_published()
    {
        var meeting = Meeting();
        h.Emulator.Faults.Slow(HttpMethod.Post, "/rest/api/content", TimeSpan.FromSeconds(1), times: 2);
        await h.Publish(meeting);
        await h.WaitFor(IdOf(meeting), p => p.CurrentState == "PublishingPage", "PublishingPage");

        await h.Publish(meeting with { Kind = (MeetingKind)7 });
        var published = await h.WaitForState(IdOf(meeting), "Published");

        Assert.Equal(MeetingKind.Retrospective, published.MeetingKind);
        var rejected = Assert.Single(PublicationHistory.Read(published.History), e => e.What == "UpdateRejected");
        Assert.Contains("kind", rejected.Detail, StringComparison.Ordinal);
        Assert.Single(h.Emulator.State.Pages, p => p.ParentId is not null);
    }

    [Fact]
    public async Task The_same_meeting_delivered_after_publication_costs_confluence_nothing()
    {
        var meeting = Meeting();
        await h.Publish(meeting);
        var published = await h.WaitForState(IdOf(meeting), "Published");
        var calls = h.Emulator.Requests.All.Count;

        await h.Publish(meeting);
        Assert.Equal(2, await h.Bus.Consumed.SelectAsync<MeetingCompleted>(x => x.Context.Message.MeetingId == meeting.MeetingId).Take(2).CountAsync());

        var after = await h.Find(IdOf(meeting));
        Assert.Equal(published.Version, after!.Version);
        Assert.Equal(calls, h.Emulator.Requests.All.Count);
    }

    [Fact]
    public async Task Space_and_parent_page_are_looked_up_once_then_remembered()
    {
        for (var i = 0; i < 3; i++)
        {
            var meeting = Meeting() with { Team = $"Team {i}" };
            await h.Publish(meeting);
            await h.WaitForState(IdOf(meeting), "Published");
        }

        var requests = h.Emulator.Requests.All;
        Assert.Single(requests, r => r.Method == "GET" && r.Path.EndsWith("/rest/api/space", StringComparison.Ordinal));
        Assert.Single(requests, r => r.Method == "GET" && r.Query.Contains("title=Retrospectives", StringComparison.Ordinal));
        Assert.Equal(1 + 3, requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/rest/api/content", StringComparison.Ordinal)));
        Assert.Equal(3 + 3 * 2, requests.Count); // space, parent lookup and create; then per report only its create and its PDF
    }

    [Fact]
    public async Task A_deleted_parent_page_is_located_again_and_recreated_once()
    {
        var first = Meeting();
        await h.Publish(first);
        var published = await h.WaitForState(IdOf(first), "Published");
        h.Emulator.State.DeletePage(published.ParentPageId!); // someone tidied the space up

        var second = Meeting();
        await h.Publish(second);
        var republished = await h.WaitForState(IdOf(second), "Published");

        var parent = Assert.Single(h.Emulator.State.Pages, p => p.Title == "Retrospectives");
        Assert.Equal(parent.Id, republished.ParentPageId);
        Assert.NotEqual(published.ParentPageId, republished.ParentPageId);
        Assert.Equal(parent.Id, Assert.Single(h.Emulator.State.Pages, p => p.Id == republished.PageId).ParentId);
        Assert.Single(PublicationHistory.Read(republished.History), e => e.What == "Relocating");
    }

    [Fact]
    public async Task Sweeper_redrives_a_publication_whose_step_command_was_lost()
    {
        var first = Meeting();
        await h.Publish(first);
        var done = await h.WaitForState(IdOf(first), "Published");

        // A crash between saving the saga and sending its command: the row says PublishingPage, no command exists.
        var lost = Meeting();
        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
            var saga = new ReportPublication
            {
                CorrelationId = IdOf(lost),
                CurrentState = "PublishingPage",
                CurrentStep = PublicationSteps.PublishReportPage,
                SpaceKey = done.SpaceKey,
                ParentPageTitle = done.ParentPageTitle,
                ParentPageId = done.ParentPageId,
            };
            saga.Accept(lost, DateTimeOffset.UtcNow.AddHours(-1));
            db.Publications.Add(saga);
            await db.SaveChangesAsync();
        }

        var sweeper = new StuckPublicationSweeper(h.Services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new SweeperOptions { StuckAfter = TimeSpan.FromMinutes(10) }), TimeProvider.System,
            NullLogger<StuckPublicationSweeper>.Instance);

        Assert.Equal(1, await sweeper.SweepOnce(CancellationToken.None));
        var published = await h.WaitForState(IdOf(lost), "Published");
        Assert.Single(h.Emulator.State.Pages, p => p.Id == published.PageId);
        Assert.Equal(0, await sweeper.SweepOnce(CancellationToken.None));
    }

    [Theory]
    [InlineData("GET", "/rest/api/space", 502, PublicationSteps.ResolveSpace)]
    [InlineData("GET", "/rest/api/content", 500, PublicationSteps.EnsureParentPage)]
    [InlineData("POST", "/rest/api/content", 500, PublicationSteps.PublishReportPage)]
    [InlineData("POST", "/child/attachment", 504, PublicationSteps.UploadReportPdf)]
    public async Task A_transient_failure_in_any_step_is_retried_to_one_clean_result(string method, string path, int status, string step)
    {
        // The parent exists, so the first POST to /content is the report page's create.
        h.Emulator.State.AddPage(PublicationHarness.SpaceKey, "Retrospectives", "<p>existing parent</p>");
        h.Emulator.Faults.Enqueue(new HttpMethod(method), path, status, times: 3);
        var meeting = Meeting();
        await h.Publish(meeting);

        var saga = await h.WaitForState(IdOf(meeting), "Published");

        // Every injected failure was met by the step under test and retried past.
        Assert.True(h.Emulator.Requests.All.Count(r => r.Status == status) == 3, $"{step} did not meet its 3 injected failures");
        Assert.Null(saga.FailedStep);
        Assert.Single(h.Emulator.State.Pages, p => p.ParentId == saga.ParentPageId);
        Assert.Single(h.Emulator.State.AttachmentsOf(saga.PageId!));
    }

    [Fact]
    public async Task Stale_version_on_update_is_re_read_and_retried()
    {
        var meeting = Meeting();
        await h.Publish(meeting);
        await h.WaitForState(IdOf(meeting), "Published");
        h.Emulator.Faults.Enqueue(HttpMethod.Put, "/rest/api/content/", 409, times: 1,
            body: "Version must be incremented on update. Current version is: 1");

        await h.Publish(meeting with { Facilitator = "Someone else" });
        var saga = await h.WaitFor(IdOf(meeting), p => p.CurrentState == "Published" && p.PageVersion == 2, "updated once");

        Assert.Equal(2, h.Emulator.State.Pages.Single(p => p.Id == saga.PageId).Version);
    }

    [Fact]
    public async Task Oversized_meeting_fails_at_the_page_step_with_the_reason_and_no_retries()
    {
        var cards = Enumerable.Range(0, 5_001).Select(i => new RetroCard { Text = "card " + i }).ToList();
        var meeting = Meeting() with { Columns = [new RetroColumn { Name = "Too many", Cards = cards }] };
        await h.Publish(meeting);

        var saga = await h.WaitForState(IdOf(meeting), "Failed");

        Assert.Equal(PublicationSteps.PublishReportPage, saga.FailedStep);
        Assert.Contains("5,001 cards", saga.LastError, StringComparison.Ordinal);
        Assert.Single(h.Emulator.State.Pages); // only the parent
    }

    [Fact]
    public async Task Tenant_template_shapes_the_published_page()
    {
        await h.ConfigureIntegration(h.TenantId, i => i.RetrospectiveTemplate = "<h1>Our retro: {{ team | html.escape }}</h1>{{ include 'pdf' }}");
        var meeting = Meeting();
        await h.Publish(meeting);

        var saga = await h.WaitForState(IdOf(meeting), "Published");

        var body = h.Emulator.State.Pages.Single(p => p.Id == saga.PageId).Body;
        Assert.StartsWith("<h1>Our retro: Platform &amp; Tools</h1>", body, StringComparison.Ordinal);
        Assert.Contains("ri:filename=\"meeting-summary.pdf\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slow_answers_and_dropped_connections_still_end_in_one_page_and_one_pdf()
    {
        h.Emulator.Faults.DropConnection(HttpMethod.Post, "/rest/api/content", times: 2);
        h.Emulator.Faults.DropConnection(HttpMethod.Post, "/child/attachment", times: 1);
        h.Emulator.Faults.Slow(HttpMethod.Get, "/rest/api/content", TimeSpan.FromMilliseconds(300), times: 3);
        var meeting = Meeting();
        await h.Publish(meeting);

        var saga = await h.WaitForState(IdOf(meeting), "Published");

        Assert.Single(h.Emulator.State.Pages, p => p.ParentId == saga.ParentPageId);
        var pdf = Assert.Single(h.Emulator.State.AttachmentsOf(saga.PageId!));
        Assert.Equal(1, pdf.VersionCount);
    }

    [Fact]
    public async Task Tenant_title_pattern_names_the_page_and_same_titled_meetings_do_not_collide()
    {
        await h.ConfigureIntegration(h.TenantId, i => i.TitlePattern = "{team} {kind} {date}");
        var first = Meeting();
        var second = Meeting(); // same team and day: the same title from the pattern
        await h.Publish(first);
        var one = await h.WaitForState(IdOf(first), "Published");
        await h.Publish(second);
        var two = await h.WaitForState(IdOf(second), "Published");

        Assert.Equal("Platform & Tools Retrospective 2026-11-27", one.PageTitle);
        Assert.Equal($"Platform & Tools Retrospective 2026-11-27 ({second.MeetingId.ToString("N")[..8]})", two.PageTitle);
        Assert.NotEqual(one.PageId, two.PageId);
    }

    [Fact]
    public async Task A_republished_meeting_renamed_to_another_meetings_title_takes_the_disambiguated_title()
    {
        var taken = Meeting() with { Title = "Sprint 42" };
        var renamed = Meeting() with { Title = "Sprint 41" }; // the same team and day
        await h.Publish(taken);
        var first = await h.WaitForState(IdOf(taken), "Published");
        await h.Publish(renamed);
        var before = await h.WaitForState(IdOf(renamed), "Published");

        var retitled = renamed with { Title = "Sprint 42" };
        await h.Publish(retitled);
        var after = await h.WaitFor(IdOf(renamed), p => p.CurrentState == "Published" && p.PageVersion == before.PageVersion + 1, "republished");

        Assert.Equal(before.PageId, after.PageId);
        Assert.Equal(ReportTitle.Disambiguated(retitled), after.PageTitle);
        Assert.Equal(ReportTitle.Disambiguated(retitled), h.Emulator.State.Pages.Single(p => p.Id == after.PageId).Title);
        Assert.Equal(first.PageTitle, h.Emulator.State.Pages.Single(p => p.Id == first.PageId).Title); // the other meeting's page is untouched
    }

    [Fact]
    public async Task A_parent_page_that_differs_only_in_case_is_reused_not_collided_with()
    {
        var existing = h.Emulator.State.AddPage(PublicationHarness.SpaceKey, "RETROSPECTIVES", "<p>made by a person</p>");
        var meeting = Meeting();
        await h.Publish(meeting);

        var saga = await h.WaitForState(IdOf(meeting), "Published");

        Assert.Equal(existing.Id, saga.ParentPageId);
        Assert.Equal(2, h.Emulator.State.Pages.Count);
    }
}
