using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Publication;
using static TeamRetro.Confluence.Worker.Tests.Publication.StateMachine.StateMachineHarness;

namespace TeamRetro.Confluence.Worker.Tests.Publication.StateMachine;

/// <summary><see cref="ReplayPublication"/> resumes a failed publication from the step that failed, and nothing else.</summary>
public sealed class ReplaySpecs : StateMachineSpec
{
    static readonly string[] Flow =
        [PublicationSteps.ResolveSpace, PublicationSteps.EnsureParentPage, PublicationSteps.PublishReportPage, PublicationSteps.UploadReportPdf];

    static InvalidOperationException Refused() => new("Confluence refused it (403).");

    void FailOnce(string step)
    {
        switch (step)
        {
            case PublicationSteps.ResolveSpace: Harness.Steps.FailOnce<ResolveSpace>(Refused); break;
            case PublicationSteps.EnsureParentPage: Harness.Steps.FailOnce<EnsureParentPage>(Refused); break;
            case PublicationSteps.PublishReportPage: Harness.Steps.FailOnce<PublishReportPage>(Refused); break;
            case PublicationSteps.UploadReportPdf: Harness.Steps.FailOnce<UploadReportPdf>(Refused); break;
            default: throw new ArgumentOutOfRangeException(nameof(step), step, null);
        }
    }

    int Taken(string step, Guid id) => step switch
    {
        PublicationSteps.ResolveSpace => Harness.Received<ResolveSpace>(c => c.PublicationId == id).Count,
        PublicationSteps.EnsureParentPage => Harness.Received<EnsureParentPage>(c => c.PublicationId == id).Count,
        PublicationSteps.PublishReportPage => Harness.Received<PublishReportPage>(c => c.PublicationId == id).Count,
        PublicationSteps.UploadReportPdf => Harness.Received<UploadReportPdf>(c => c.PublicationId == id).Count,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    /// <summary>The step that fails, the step the replay resumes at: after a PDF failure the page is republished first.</summary>
    public static TheoryData<string, string> Resumes => new()
    {
        { PublicationSteps.ResolveSpace, PublicationSteps.ResolveSpace },
        { PublicationSteps.EnsureParentPage, PublicationSteps.EnsureParentPage },
        { PublicationSteps.PublishReportPage, PublicationSteps.PublishReportPage },
        { PublicationSteps.UploadReportPdf, PublicationSteps.PublishReportPage },
    };

    [Theory]
    [MemberData(nameof(Resumes))]
    public async Task A_replay_resumes_from_the_failed_step_and_publishes(string failing, string resumedAt)
    {
        FailOnce(failing);
        var meeting = Harness.Meeting();
        var id = IdOf(meeting);
        var failed = await Harness.Start(meeting, m => m.Failed);
        Assert.Equal(failing, failed.FailedStep);
        var before = Flow.ToDictionary(s => s, s => Taken(s, id));

        await Harness.Publish(new ReplayPublication(id));

        var published = await Harness.Reaches(id, m => m.Published);
        Assert.Equal(1, published.ReplayCount);
        Assert.Null(published.FailedStep);
        Assert.Null(published.LastError);
        var resumedFrom = Array.IndexOf(Flow, resumedAt);
        Assert.All(Flow, (s, i) => Assert.Equal(before[s] + (i >= resumedFrom ? 1 : 0), Taken(s, id)));
    }

    [Fact]
    public async Task A_replay_of_an_invalid_meeting_changes_nothing()
    {
        var meeting = Harness.Meeting() with { Kind = (MeetingKind)7 };
        var failed = await Harness.Start(meeting, m => m.Failed);
        var history = failed.History;

        await Harness.Deliver(new ReplayPublication(IdOf(meeting)));

        var after = await Harness.Reaches(IdOf(meeting), m => m.Failed);
        Assert.Equal((0, history, PublicationSteps.Validate), (after.ReplayCount, after.History, after.FailedStep));
        Assert.Empty(Harness.Received<ResolveSpace>(c => c.PublicationId == IdOf(meeting)));
    }

    [Theory]
    [MemberData(nameof(RedriveSpecs.Steps), MemberType = typeof(RedriveSpecs))]
    public async Task A_replay_of_a_running_publication_is_ignored(string name)
    {
        var step = RunningStep.Named(name);
        var meeting = Harness.Meeting();
        var running = await step.StopIn(Harness, meeting);
        var (attempts, history) = (running.Attempts, running.History);

        await Harness.Deliver(new ReplayPublication(IdOf(meeting)));

        var after = await Harness.Reaches(IdOf(meeting), step.State);
        Assert.Equal((attempts, history, 0), (after.Attempts, after.History, after.ReplayCount));
        Assert.Equal(1, await step.CommandsTaken(Harness, IdOf(meeting), 0));
    }

    [Fact]
    public async Task A_replay_of_a_published_publication_is_ignored()
    {
        var meeting = Harness.Meeting();
        var published = await Harness.Start(meeting, m => m.Published);
        var (attempts, history) = (published.Attempts, published.History);

        await Harness.Deliver(new ReplayPublication(IdOf(meeting)));

        var after = await Harness.Reaches(IdOf(meeting), m => m.Published);
        Assert.Equal((attempts, history, 0), (after.Attempts, after.History, after.ReplayCount));
    }
}
