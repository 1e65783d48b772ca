using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Publication;
using static TeamRetro.Confluence.Worker.Tests.Publication.StateMachine.StateMachineHarness;

namespace TeamRetro.Confluence.Worker.Tests.Publication.StateMachine;

/// <summary><see cref="CancelPublication"/> stops a running or failed publication where it stands; only a changed meeting starts it again.</summary>
public sealed class CancelSpecs : StateMachineSpec
{
    [Theory]
    [MemberData(nameof(RedriveSpecs.Steps), MemberType = typeof(RedriveSpecs))]
    public async Task A_running_publication_is_cancelled_and_the_steps_late_answer_is_not_taken(string name)
    {
        var step = RunningStep.Named(name);
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);
        await step.StopIn(Harness, meeting);

        await Harness.Deliver(new CancelPublication(id, "admin-a"));
        var cancelled = await Harness.Reaches(id, m => m.Cancelled);
        var attempts = cancelled.Attempts;
        await Harness.Deliver(new SpaceResolved(id, "OTHER", "Elsewhere"));
        await Harness.Deliver(new ReportPdfUploaded(id, "att-2", "meeting-summary.pdf", "sha-2"));

        var after = await Harness.Reaches(id, m => m.Cancelled);
        Assert.Equal(attempts, after.Attempts);
        Assert.Null(after.StepStartedAt);
        Assert.Null(after.AttachmentId);
        Assert.NotEqual("OTHER", after.SpaceKey);
        var last = PublicationHistory.Read(after.History)[^1];
        Assert.Equal("Cancelled", last.What);
        Assert.Contains("admin-a", last.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_publication_is_cancelled_and_then_ignores_replays_redrives_and_the_same_meeting()
    {
        Harness.Steps.FailOnce<ResolveSpace>(() => new InvalidOperationException("No Confluence integration."));
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);
        await Harness.Start(meeting, m => m.Failed);

        await Harness.Deliver(new CancelPublication(id, "admin-a"));
        var cancelled = await Harness.Reaches(id, m => m.Cancelled);
        var history = cancelled.History;
        await Harness.Deliver(new ReplayPublication(id));
        await Harness.Deliver(new RedrivePublication(id));
        await Harness.Deliver(new CancelPublication(id, "admin-b"));
        await Harness.Publish(meeting);
        await Harness.Consumed<MeetingCompleted>(m => m.MeetingId == meeting.MeetingId, times: 2);

        var after = await Harness.Reaches(id, m => m.Cancelled);
        Assert.Equal(history, after.History);
        Assert.Single(Harness.Received<ResolveSpace>(c => c.PublicationId == id));
    }

    [Fact]
    public async Task A_changed_meeting_starts_a_cancelled_publication_again()
    {
        Harness.Steps.Hold<PublishReportPage>();
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);
        await Harness.Start(meeting, m => m.PublishingPage);
        await Harness.Deliver(new CancelPublication(id, "admin-a"));
        await Harness.Reaches(id, m => m.Cancelled);
        Harness.Steps.Answer<PublishReportPage>(c => c.Publish(new ReportPagePublished(id, StepStubs.PageId, c.Message.Meeting.Title, 1, null)));

        await Harness.Publish(meeting with { Title = "Sprint 42 (edited)" });

        var saga = await Harness.Reaches(id, m => m.Published);
        Assert.Equal("Sprint 42 (edited)", saga.MeetingTitle);
        Assert.Equal(2, Harness.Received<ResolveSpace>(c => c.PublicationId == id).Count);
    }

    [Fact]
    public async Task A_published_publication_cannot_be_cancelled()
    {
        var meeting = Harness.Meeting();
        var published = await Harness.Start(meeting, m => m.Published);
        var history = published.History;

        await Harness.Deliver(new CancelPublication(IdOf(meeting), "admin-a"));

        var after = await Harness.Reaches(IdOf(meeting), m => m.Published);
        Assert.Equal(history, after.History);
    }
}
