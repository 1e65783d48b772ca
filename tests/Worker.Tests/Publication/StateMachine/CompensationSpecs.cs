using MassTransit;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Publication;
using static TeamRetro.Confluence.Worker.Tests.Publication.StateMachine.StateMachineHarness;

namespace TeamRetro.Confluence.Worker.Tests.Publication.StateMachine;

/// <summary>A PDF that fails for good after the page exists: the page is marked incomplete (compensation), then the publication fails.</summary>
public sealed class CompensationSpecs : StateMachineSpec
{
    const string PdfRefused = "Confluence refused the PDF (403).";

    [Fact]
    public async Task A_pdf_that_fails_for_good_marks_the_page_incomplete_then_fails_the_publication()
    {
        Harness.Steps.Fail<UploadReportPdf>(() => new InvalidOperationException(PdfRefused));
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);

        var saga = await Harness.Start(meeting, m => m.Failed);

        var mark = Assert.Single(Harness.Received<MarkReportIncomplete>(c => c.PublicationId == id));
        Assert.Equal((StepStubs.SpaceKey, StepStubs.PageId, PdfRefused), (mark.SpaceKey, mark.PageId, mark.Reason));
        Assert.Equal(PublicationSteps.UploadReportPdf, saga.FailedStep);
        Assert.Equal(PdfRefused, saga.LastError);
        Assert.Equal(2, saga.PageVersion); // the version the notice made
        Assert.True(await Harness.Test.Published.Any<ReportPublicationFailed>(x =>
            x.Context.Message.PublicationId == id && x.Context.Message.Step == PublicationSteps.UploadReportPdf));
        Assert.False(await Harness.Test.Published.Any<ReportPublished>(x => x.Context.Message.PublicationId == id, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task When_the_page_cannot_be_marked_incomplete_either_both_reasons_are_kept_and_it_fails()
    {
        Harness.Steps.Fail<UploadReportPdf>(() => new InvalidOperationException(PdfRefused));
        Harness.Steps.Fail<MarkReportIncomplete>(() => new InvalidOperationException("The page is locked."));
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);

        var saga = await Harness.Start(meeting, m => m.Failed);

        Assert.True(await Harness.Saga.Consumed.Any<Fault<MarkReportIncomplete>>(x => x.Context.Message.Message.PublicationId == id));
        Assert.Equal(PublicationSteps.UploadReportPdf, saga.FailedStep);
        Assert.StartsWith(PdfRefused, saga.LastError, StringComparison.Ordinal);
        Assert.EndsWith("could not be marked as incomplete either: The page is locked.", saga.LastError, StringComparison.Ordinal);
        Assert.Equal(1, saga.PageVersion); // the page as first published
        Assert.True(await Harness.Test.Published.Any<ReportPublicationFailed>(x =>
            x.Context.Message.PublicationId == id && x.Context.Message.Reason == saga.LastError));
    }

    [Fact]
    public async Task A_replay_after_the_compensation_republishes_the_page_before_the_pdf()
    {
        Harness.Steps.FailOnce<UploadReportPdf>(() => new InvalidOperationException(PdfRefused));
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);
        await Harness.Start(meeting, m => m.Failed);

        await Harness.Publish(new ReplayPublication(id));

        var saga = await Harness.Reaches(id, m => m.Published);
        Assert.Equal([null, StepStubs.PageId], Harness.Received<PublishReportPage>(c => c.PublicationId == id).Select(c => c.KnownPageId));
        Assert.Single(Harness.Received<MarkReportIncomplete>(c => c.PublicationId == id));
        Assert.Equal(StepStubs.AttachmentId, saga.AttachmentId);
    }
}
