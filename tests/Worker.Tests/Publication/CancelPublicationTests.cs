using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Worker.Tests.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>An admin cancels a failed or running publication: it stops where it stands until the meeting changes.</summary>
public sealed class CancelPublicationTests : PublicationHarnessTests
{
    [Fact]
    public async Task Cancelled_failed_publication_ignores_replays_and_redeliveries_until_the_meeting_changes()
    {
        var tenant = Guid.NewGuid();
        var meeting = SampleMeetings.Retrospective(tenant, Guid.NewGuid());
        await Harness.Publish(meeting, m => m.Failed);

        await Harness.Cancel(IdOf(meeting));
        var cancelled = await Harness.WaitForState(IdOf(meeting), m => m.Cancelled);
        await Harness.ConfigureIntegration(tenant);
        await Harness.Replay(IdOf(meeting));
        await Harness.Publish(meeting);
        Assert.True(await Harness.Test.Consumed.Any<ReplayPublication>(x => x.Context.Message.PublicationId == IdOf(meeting)));
        Assert.Equal(2, await Harness.Test.Consumed.SelectAsync<MeetingCompleted>(x => x.Context.Message.MeetingId == meeting.MeetingId).Take(2).CountAsync());

        var still = await Harness.Find(IdOf(meeting));
        Assert.True(Harness.IsIn(still!, m => m.Cancelled), still!.CurrentState);
        Assert.DoesNotContain(Harness.Emulator.State.Pages, p => p.Title.Contains(meeting.Team, StringComparison.Ordinal));
        var history = PublicationHistory.Read(cancelled.History);
        Assert.Equal(["Accepted", "Started", "Failed", "Cancelled"], history.Select(e => e.What));
        Assert.Contains("admin-a", history[^1].Detail, StringComparison.Ordinal);

        await Harness.Publish(meeting with { Title = meeting.Title + " (edited)" });
        var published = await Harness.WaitForState(IdOf(meeting), m => m.Published);
        Assert.NotNull(published.PageId);
    }

    [Fact]
    public async Task Cancel_while_a_step_runs_lets_the_step_finish_but_nothing_follows_it()
    {
        var meeting = Meeting();
        Harness.Emulator.Faults.Slow(HttpMethod.Post, "/rest/api/content", TimeSpan.FromSeconds(2), times: 2);
        await Harness.Publish(meeting, m => m.PublishingPage);

        await Harness.Cancel(IdOf(meeting));
        await Harness.WaitForState(IdOf(meeting), m => m.Cancelled);
        Assert.True(await Harness.Test.Published.Any<ReportPagePublished>(x => x.Context.Message.PublicationId == IdOf(meeting)));

        var after = await Harness.Find(IdOf(meeting));
        Assert.True(Harness.IsIn(after!, m => m.Cancelled), after!.CurrentState);
        Assert.Null(after.PageId); // the late result is not taken
        Assert.DoesNotContain(Harness.Emulator.Requests.All, r => r.Path.Contains("/child/attachment", StringComparison.Ordinal));
    }
}
