using System.Net;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Worker.Tests.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>The publication of a meeting from start to end: one page under its parent, one PDF, whatever is delivered twice.</summary>
public sealed class PublicationFlowTests : PublicationHarnessTests
{
    [Fact]
    public async Task Meeting_becomes_a_page_under_the_parent_with_its_pdf()
    {
        var meeting = Meeting();

        var saga = await Harness.Publish(meeting, m => m.Published);

        var parent = Assert.Single(Harness.Emulator.State.Pages, p => p.Title == "Retrospectives");
        var page = Assert.Single(Harness.Emulator.State.Pages, p => p.Id == saga.PageId);
        Assert.Equal(parent.Id, page.ParentId);
        Assert.Equal(parent.Id, saga.ParentPageId);
        Assert.Equal(PublicationHarness.SpaceKey, saga.SpaceKey);
        Assert.Contains(meeting.Columns[0].Cards[0].Text, WebUtility.HtmlDecode(page.Body), StringComparison.Ordinal);
        var pdf = Assert.Single(Harness.Emulator.State.AttachmentsOf(page.Id));
        Assert.Equal("meeting-summary.pdf", pdf.FileName);
        Assert.Equal(saga.AttachmentId, pdf.Id);
        Assert.Null(saga.LastError);
    }

    [Fact]
    public async Task Health_check_goes_under_its_own_parent()
    {
        var meeting = SampleMeetings.HealthCheck(Harness.TenantId, Guid.NewGuid());

        var saga = await Harness.Publish(meeting, m => m.Published);

        var parent = Assert.Single(Harness.Emulator.State.Pages, p => p.Title == "Health Checks");
        Assert.Equal(parent.Id, Harness.Emulator.State.Pages.Single(p => p.Id == saga.PageId).ParentId);
    }

    [Fact]
    public async Task Redelivered_meeting_does_not_create_a_second_page()
    {
        var meeting = Meeting();
        await Task.WhenAll(Harness.Publish(meeting), Harness.Publish(meeting), Harness.Publish(meeting));

        var saga = await Harness.WaitForState(IdOf(meeting), m => m.Published);
        Assert.Equal(3, await Harness.Test.Consumed.SelectAsync<MeetingCompleted>(x => x.Context.Message.MeetingId == meeting.MeetingId).Take(3).CountAsync());

        var report = Assert.Single(Harness.Emulator.State.Pages, p => p.ParentId == saga.ParentPageId);
        Assert.True(report.Version == 1, $"v{report.Version}: {report.VersionMessage}; saga attempts {saga.Attempts}"); // identical content: no new version
        var pdf = Assert.Single(Harness.Emulator.State.AttachmentsOf(report.Id));
        Assert.Equal(1, pdf.VersionCount);
    }

    [Fact]
    public async Task Changed_meeting_updates_the_same_page_and_pdf()
    {
        var meeting = Meeting();
        var first = await Harness.Publish(meeting, m => m.Published);

        var changed = meeting with { ActionItems = [.. meeting.ActionItems, new ActionItem { Text = "Write the runbook", Owner = "Dana" }] };
        await Harness.Publish(changed);
        var second = await Harness.WaitForState(IdOf(meeting), m => m.Published, p => p.PageVersion == 2, "republished as version 2");

        Assert.Equal(first.PageId, second.PageId);
        var report = Assert.Single(Harness.Emulator.State.Pages, p => p.ParentId == first.ParentPageId);
        Assert.Contains("Write the runbook", report.Body, StringComparison.Ordinal);
        var pdf = Assert.Single(Harness.Emulator.State.AttachmentsOf(report.Id));
        Assert.Equal(2, pdf.VersionCount);
    }

    [Fact]
    public async Task The_same_meeting_delivered_after_publication_costs_confluence_nothing()
    {
        var meeting = Meeting();
        var published = await Harness.Publish(meeting, m => m.Published);
        var calls = Harness.Emulator.Requests.All.Count;

        await Harness.Publish(meeting);
        Assert.Equal(2, await Harness.Test.Consumed.SelectAsync<MeetingCompleted>(x => x.Context.Message.MeetingId == meeting.MeetingId).Take(2).CountAsync());

        var after = await Harness.Find(IdOf(meeting));
        Assert.Equal(published.Version, after!.Version);
        Assert.Equal(calls, Harness.Emulator.Requests.All.Count);
    }

    [Fact]
    public async Task An_invalid_update_arriving_mid_flight_is_refused_visibly_and_the_valid_version_is_published()
    {
        var meeting = Meeting();
        Harness.Emulator.Faults.Slow(HttpMethod.Post, "/rest/api/content", TimeSpan.FromSeconds(1), times: 2);
        await Harness.Publish(meeting, m => m.PublishingPage);

        await Harness.Publish(meeting with { Kind = (MeetingKind)7 });
        var published = await Harness.WaitForState(IdOf(meeting), m => m.Published);

        Assert.Equal(MeetingKind.Retrospective, published.MeetingKind);
        var rejected = Assert.Single(PublicationHistory.Read(published.History), e => e.What == "UpdateRejected");
        Assert.Contains("kind", rejected.Detail, StringComparison.Ordinal);
        Assert.Single(Harness.Emulator.State.Pages, p => p.ParentId is not null);
    }

    [Fact]
    public async Task Space_and_parent_page_are_looked_up_once_then_remembered()
    {
        for (var i = 0; i < 3; i++)
        {
            var meeting = Meeting() with { Team = $"Team {i}" };
            await Harness.Publish(meeting, m => m.Published);
        }

        var requests = Harness.Emulator.Requests.All;
        Assert.Single(requests, r => r.Method == "GET" && r.Path.EndsWith("/rest/api/space", StringComparison.Ordinal));
        Assert.Single(requests, r => r.Method == "GET" && r.Query.Contains("title=Retrospectives", StringComparison.Ordinal));
        Assert.Equal(1 + 3, requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/rest/api/content", StringComparison.Ordinal)));
        Assert.Equal(3 + 3 * 2, requests.Count); // space, parent lookup and create; then per report only its create and its PDF
    }
}
