using MassTransit;
using TeamRetro.Confluence.Contracts;
using static TeamRetro.Confluence.Worker.Tests.Publication.StateMachine.StateMachineHarness;

namespace TeamRetro.Confluence.Worker.Tests.Publication.StateMachine;

/// <summary>Results of a step the saga has moved past (redeliveries, a race with a replay or a redrive) change nothing.</summary>
public sealed class LateResultSpecs : StateMachineSpec
{
    public static TheoryData<string> Results => ["SpaceResolved", "ParentPageEnsured", "ReportPagePublished", "ReportPdfUploaded", "ReportMarkedIncomplete"];

    Task DeliverLate(string result, Guid id) => result switch
    {
        "SpaceResolved" => Harness.Deliver(new SpaceResolved(id, "OTHER", "Elsewhere")),
        "ParentPageEnsured" => Harness.Deliver(new ParentPageEnsured(id, "parent-2")),
        "ReportPagePublished" => Harness.Deliver(new ReportPagePublished(id, "page-2", "Another title", 9, null)),
        "ReportPdfUploaded" => Harness.Deliver(new ReportPdfUploaded(id, "att-2", "meeting-summary.pdf", "sha-2")),
        "ReportMarkedIncomplete" => Harness.Deliver(new ReportMarkedIncomplete(id, 9)),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    [Theory]
    [MemberData(nameof(Results))]
    public async Task A_late_result_after_publication_changes_nothing(string result)
    {
        var meeting = Harness.Meeting();
        var published = await Harness.Start(meeting, m => m.Published);
        var before = (published.Attempts, published.History, published.SpaceKey, published.ParentPageId, published.PageId, published.PageVersion, published.AttachmentId);

        await DeliverLate(result, IdOf(meeting));

        var after = await Harness.Reaches(IdOf(meeting), m => m.Published);
        Assert.Equal(before, (after.Attempts, after.History, after.SpaceKey, after.ParentPageId, after.PageId, after.PageVersion, after.AttachmentId));
    }

    [Fact]
    public async Task A_duplicate_result_of_the_step_before_does_not_run_the_next_step_twice()
    {
        Harness.Steps.Hold<UploadReportPdf>();
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);
        var uploading = await Harness.Start(meeting, m => m.UploadingPdf);
        var attempts = uploading.Attempts;
        Assert.Equal(1, await Harness.ReceivedAtLeast<UploadReportPdf>(1, c => c.PublicationId == id));

        await Harness.Deliver(new ReportPagePublished(id, StepStubs.PageId, meeting.Title, 1, null));
        await Harness.Deliver(new ParentPageEnsured(id, "parent-2"));

        var after = await Harness.Reaches(id, m => m.UploadingPdf);
        Assert.Equal(attempts, after.Attempts);
        Assert.Equal(StepStubs.ParentPageId, after.ParentPageId);
        Assert.Single(Harness.Received<UploadReportPdf>(c => c.PublicationId == id));
    }

    [Fact]
    public async Task A_step_failure_arriving_after_the_publication_was_cancelled_does_not_fail_it()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Harness.Steps.Answer<EnsureParentPage>(async _ =>
        {
            await release.Task;
            throw new InvalidOperationException("Confluence refused the parent page (403).");
        });
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);
        await Harness.Start(meeting, m => m.EnsuringParentPage);
        await Harness.Deliver(new CancelPublication(id, "admin-a"));

        release.SetResult();
        await Harness.Consumed<Fault<EnsureParentPage>>(f => f.Message.PublicationId == id);

        var after = await Harness.Reaches(id, m => m.Cancelled);
        Assert.Null(after.FailedStep);
        Assert.Null(after.LastError);
    }

    [Fact]
    public async Task A_result_for_a_publication_that_does_not_exist_faults_visibly()
    {
        var unknown = Guid.NewGuid();

        await Harness.Publish(new SpaceResolved(unknown, StepStubs.SpaceKey, StepStubs.ParentPageTitle));

        Assert.True(await Harness.Test.Published.Any<Fault<SpaceResolved>>(x => x.Context.Message.Message.PublicationId == unknown));
        Assert.False(Harness.Saga.Sagas.Select(x => x.Saga.CorrelationId == unknown, new CancellationToken(canceled: true)).Any());
    }
}
