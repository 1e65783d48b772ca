using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Publication;
using static TeamRetro.Confluence.Worker.Tests.Publication.StateMachine.StateMachineHarness;

namespace TeamRetro.Confluence.Worker.Tests.Publication.StateMachine;

/// <summary>The sweeper's <see cref="RedrivePublication"/>: a stalled step's command is sent again, as a new attempt of the same step.</summary>
public sealed class RedriveSpecs : StateMachineSpec
{
    public static TheoryData<string> Steps => RunningStep.Names;

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task A_redrive_sends_the_running_steps_command_again_and_stays_in_the_step(string name)
    {
        var step = RunningStep.Named(name);
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);
        var stalled = await step.StopIn(Harness, meeting);
        var attempts = stalled.Attempts;

        await Harness.Deliver(new RedrivePublication(id));

        Assert.Equal(2, await step.CommandsTaken(Harness, id, 2));
        var after = await Harness.Reaches(id, step.State);
        Assert.Equal(attempts + 1, after.Attempts);
        Assert.Equal(step.CurrentStep, after.CurrentStep);
        var redriven = PublicationHistory.Read(after.History)[^1];
        Assert.Equal(("Redriven", step.CurrentStep), (redriven.What, redriven.Step));
    }

    [Fact]
    public async Task A_redriven_step_that_answers_at_last_carries_the_publication_on()
    {
        var step = RunningStep.Named(PublicationSteps.EnsureParentPage);
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);
        await step.StopIn(Harness, meeting);

        await Harness.Deliver(new RedrivePublication(id));
        await Harness.Publish(new ParentPageEnsured(id, StepStubs.ParentPageId));

        var saga = await Harness.Reaches(id, m => m.Published);
        Assert.Single(Harness.Received<PublishReportPage>(c => c.PublicationId == id));
        Assert.Equal(StepStubs.AttachmentId, saga.AttachmentId);
    }

    [Fact]
    public async Task A_redrive_of_a_published_publication_changes_nothing()
    {
        var meeting = Harness.Meeting();
        var published = await Harness.Start(meeting, m => m.Published);
        var (attempts, history) = (published.Attempts, published.History);

        await Harness.Deliver(new RedrivePublication(IdOf(meeting)));

        var after = await Harness.Reaches(IdOf(meeting), m => m.Published);
        Assert.Equal((attempts, history), (after.Attempts, after.History));
    }

    [Fact]
    public async Task A_redrive_of_a_failed_publication_changes_nothing()
    {
        Harness.Steps.Fail<ResolveSpace>(() => new InvalidOperationException("No Confluence integration."));
        var meeting = Harness.Meeting();
        var failed = await Harness.Start(meeting, m => m.Failed);
        var (attempts, history) = (failed.Attempts, failed.History);

        await Harness.Deliver(new RedrivePublication(IdOf(meeting)));

        var after = await Harness.Reaches(IdOf(meeting), m => m.Failed);
        Assert.Equal((attempts, history), (after.Attempts, after.History));
        Assert.Single(Harness.Received<ResolveSpace>(c => c.PublicationId == IdOf(meeting)));
    }
}
