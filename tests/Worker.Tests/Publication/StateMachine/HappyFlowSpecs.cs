using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Publication;
using static TeamRetro.Confluence.Worker.Tests.Publication.StateMachine.StateMachineHarness;

namespace TeamRetro.Confluence.Worker.Tests.Publication.StateMachine;

public sealed class HappyFlowSpecs : StateMachineSpec
{
    [Fact]
    public async Task A_meeting_goes_through_every_step_once_and_ends_published()
    {
        var meeting = Harness.Meeting();

        var saga = await Harness.Start(meeting, m => m.Published);

        var id = IdOf(meeting);
        Assert.Equal((StepStubs.SpaceKey, StepStubs.ParentPageId, StepStubs.PageId, StepStubs.AttachmentId),
            (saga.SpaceKey, saga.ParentPageId, saga.PageId, saga.AttachmentId));
        Assert.Single(Harness.Received<ResolveSpace>(c => c.PublicationId == id));
        Assert.Single(Harness.Received<EnsureParentPage>(c => c.PublicationId == id));
        Assert.Single(Harness.Received<PublishReportPage>(c => c.PublicationId == id));
        Assert.Single(Harness.Received<UploadReportPdf>(c => c.PublicationId == id));
        Assert.Empty(Harness.Received<MarkReportIncomplete>(c => c.PublicationId == id));
        Assert.True(await Harness.Test.Published.Any<ReportPublished>(x => x.Context.Message.PublicationId == id && x.Context.Message.AttachmentId == StepStubs.AttachmentId));
        Assert.Equal(
            [PublicationSteps.ResolveSpace, PublicationSteps.EnsureParentPage, PublicationSteps.PublishReportPage, PublicationSteps.UploadReportPdf],
            PublicationHistory.Read(saga.History).Where(e => e.What == "Started").Select(e => e.Step));
        Assert.Equal(4, saga.Attempts);
        Assert.Null(saga.CurrentStep);
        Assert.NotNull(saga.PublishedAt);
    }

    [Fact]
    public async Task An_invalid_meeting_fails_at_validation_without_sending_a_command()
    {
        var meeting = Harness.Meeting() with { Kind = (MeetingKind)7 };

        var saga = await Harness.Start(meeting, m => m.Failed);

        Assert.Equal(PublicationSteps.Validate, saga.FailedStep);
        Assert.Equal(0, saga.Attempts);
        Assert.Empty(Harness.Received<ResolveSpace>(c => c.PublicationId == IdOf(meeting)));
        Assert.True(await Harness.Test.Published.Any<ReportPublicationFailed>(x =>
            x.Context.Message.PublicationId == IdOf(meeting) && x.Context.Message.Step == PublicationSteps.Validate));
    }

    [Fact]
    public async Task A_redelivery_of_the_meeting_in_flight_changes_nothing()
    {
        Harness.Steps.Hold<EnsureParentPage>();
        var meeting = Harness.Meeting();
        var before = await Harness.Start(meeting, m => m.EnsuringParentPage);
        var (attempts, history) = (before.Attempts, before.History);

        await Harness.Publish(meeting);
        await Harness.Consumed<MeetingCompleted>(m => m.MeetingId == meeting.MeetingId, times: 2);

        var after = await Harness.Reaches(IdOf(meeting), m => m.EnsuringParentPage);
        Assert.Equal((attempts, history), (after.Attempts, after.History));
        Assert.Null(after.PendingMeetingJson);
    }

    [Fact]
    public async Task A_newer_version_arriving_mid_flight_is_published_once_the_run_ends()
    {
        Harness.Steps.Hold<UploadReportPdf>();
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);
        await Harness.Start(meeting, m => m.UploadingPdf);
        var edited = meeting with { Title = "Sprint 42 (edited)" };

        await Harness.Publish(edited);
        await Harness.Reaches(id, m => m.UploadingPdf, s => s.PendingMeetingJson != null);
        await Harness.Publish(new ReportPdfUploaded(id, StepStubs.AttachmentId, "meeting-summary.pdf", "sha-1"));
        Assert.Equal(2, await Harness.ReceivedAtLeast<UploadReportPdf>(2, c => c.PublicationId == id));
        await Harness.Publish(new ReportPdfUploaded(id, StepStubs.AttachmentId, "meeting-summary.pdf", "sha-2"));

        var saga = await Harness.Reaches(id, m => m.Published);
        Assert.Equal(edited.Title, saga.MeetingTitle);
        Assert.Null(saga.PendingMeetingJson);
        var pages = Harness.Received<PublishReportPage>(c => c.PublicationId == id);
        Assert.Equal([meeting.Title, edited.Title], pages.Select(c => c.Meeting.Title));
        Assert.Equal(StepStubs.PageId, pages[1].KnownPageId); // the same page is updated, never a second one
    }

    [Fact]
    public async Task The_same_meeting_after_publication_is_a_duplicate_and_a_changed_one_republishes_the_same_page()
    {
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);
        var published = await Harness.Start(meeting, m => m.Published);
        var attempts = published.Attempts;

        await Harness.Publish(meeting);
        await Harness.Consumed<MeetingCompleted>(m => m.MeetingId == meeting.MeetingId, times: 2);
        Assert.Equal(attempts, (await Harness.Reaches(id, m => m.Published)).Attempts);
        Assert.Single(Harness.Received<ResolveSpace>(c => c.PublicationId == id));

        await Harness.Publish(meeting with { Facilitator = "Someone else" });
        await Harness.Reaches(id, m => m.Published, s => s.Attempts == attempts + 4);
        Assert.Equal([null, StepStubs.PageId], Harness.Received<PublishReportPage>(c => c.PublicationId == id).Select(c => c.KnownPageId));
    }

    [Fact]
    public async Task The_same_meeting_delivered_again_after_a_failure_publishes_it_from_the_start()
    {
        Harness.Steps.FailOnce<EnsureParentPage>(() => new InvalidOperationException("Confluence refused the parent page (403)."));
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);
        await Harness.Start(meeting, m => m.Failed);

        var saga = await Harness.Start(meeting, m => m.Published);

        Assert.Equal(2, Harness.Received<ResolveSpace>(c => c.PublicationId == id).Count);
        Assert.Null(saga.FailedStep);
        Assert.Equal(0, saga.ReplayCount);
    }
}
