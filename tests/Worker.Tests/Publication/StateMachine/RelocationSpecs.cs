using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Publication;
using static TeamRetro.Confluence.Worker.Tests.Publication.StateMachine.StateMachineHarness;

namespace TeamRetro.Confluence.Worker.Tests.Publication.StateMachine;

/// <summary>The page step reports the parent page or space gone: the machine locates both again, a few times at most.</summary>
public sealed class RelocationSpecs : StateMachineSpec
{
    static ReportLocationGoneException Gone() => new("The parent page was deleted.", new InvalidOperationException("404"));

    static int Relocations(ReportPublication saga) => PublicationHistory.Read(saga.History).Count(e => e.What == "Relocating");

    [Fact]
    public async Task A_location_gone_is_resolved_again_from_the_space_and_the_publication_goes_on()
    {
        Harness.Steps.FailOnce<PublishReportPage>(Gone);
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);

        var saga = await Harness.Start(meeting, m => m.Published);

        Assert.Equal(1, Relocations(saga));
        Assert.Equal(2, Harness.Received<ResolveSpace>(c => c.PublicationId == id).Count);
        Assert.Equal(2, Harness.Received<EnsureParentPage>(c => c.PublicationId == id).Count);
        Assert.Equal(2, Harness.Received<PublishReportPage>(c => c.PublicationId == id).Count);
        Assert.Null(saga.FailedStep);
    }

    [Fact]
    public async Task A_location_that_stays_gone_fails_the_publication_after_at_most_three_relocations()
    {
        Harness.Steps.Fail<PublishReportPage>(Gone);
        var meeting = Harness.Meeting();

        var saga = await Harness.Start(meeting, m => m.Failed);

        Assert.InRange(Relocations(saga), 1, 3);
        Assert.Equal(PublicationSteps.PublishReportPage, saga.FailedStep);
        Assert.InRange(Harness.Received<ResolveSpace>(c => c.PublicationId == IdOf(meeting)).Count, 2, 4);
        Assert.True(await Harness.Test.Published.Any<ReportPublicationFailed>(x => x.Context.Message.PublicationId == IdOf(meeting)));
    }

    // Found by this spec: two filtered PublishReportPageFaulted activities each read the history after the other had
    // written it, so the third relocation also failed the publication. The machine now decides once.
    [Fact]
    public async Task Relocation_stops_after_three_tries_and_the_page_step_fails()
    {
        Harness.Steps.Fail<PublishReportPage>(Gone);
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);

        var saga = await Harness.Start(meeting, m => m.Failed);

        Assert.Equal(3, Relocations(saga));
        Assert.Equal(PublicationSteps.PublishReportPage, saga.FailedStep);
        Assert.Contains("parent page was deleted", saga.LastError, StringComparison.Ordinal);
        Assert.Equal(4, Harness.Received<ResolveSpace>(c => c.PublicationId == id).Count);
        Assert.Equal(4, Harness.Received<PublishReportPage>(c => c.PublicationId == id).Count);
        Assert.Empty(Harness.Received<UploadReportPdf>(c => c.PublicationId == id));
    }

    [Fact]
    public async Task Any_other_page_failure_fails_the_publication_without_relocating()
    {
        Harness.Steps.Fail<PublishReportPage>(() => new PublicationFailedException("Confluence refused the page (403).", isPermanent: true));
        var meeting = Harness.Meeting();

        var saga = await Harness.Start(meeting, m => m.Failed);

        Assert.Equal(0, Relocations(saga));
        Assert.Equal(PublicationSteps.PublishReportPage, saga.FailedStep);
        Assert.Single(Harness.Received<ResolveSpace>(c => c.PublicationId == IdOf(meeting)));
    }
}
