using MassTransit;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Worker.Tests.Publication.StateMachine;

/// <summary>
/// A step that is running: the state the publication waits in, how a spec stops a publication there, and how many of the
/// step's commands it took (waiting for at least the number given).
/// </summary>
public sealed record RunningStep(string Name, Func<ReportPublicationStateMachine, State> State, Action<StepStubs> Stop, Func<StateMachineHarness, Guid, int, Task<int>> CommandsTaken)
{
    public static readonly IReadOnlyList<RunningStep> All =
    [
        new(PublicationSteps.ResolveSpace, m => m.ResolvingSpace, s => s.Hold<ResolveSpace>(),
            (h, id, atLeast) => h.ReceivedAtLeast<ResolveSpace>(atLeast, c => c.PublicationId == id)),
        new(PublicationSteps.EnsureParentPage, m => m.EnsuringParentPage, s => s.Hold<EnsureParentPage>(),
            (h, id, atLeast) => h.ReceivedAtLeast<EnsureParentPage>(atLeast, c => c.PublicationId == id)),
        new(PublicationSteps.PublishReportPage, m => m.PublishingPage, s => s.Hold<PublishReportPage>(),
            (h, id, atLeast) => h.ReceivedAtLeast<PublishReportPage>(atLeast, c => c.PublicationId == id)),
        new(PublicationSteps.UploadReportPdf, m => m.UploadingPdf, s => s.Hold<UploadReportPdf>(),
            (h, id, atLeast) => h.ReceivedAtLeast<UploadReportPdf>(atLeast, c => c.PublicationId == id)),
        // The compensation step runs only after the PDF failed for good.
        new(PublicationSteps.MarkReportIncomplete, m => m.MarkingIncomplete, s =>
            {
                s.Fail<UploadReportPdf>(() => new InvalidOperationException("Confluence refused the PDF (403)."));
                s.Hold<MarkReportIncomplete>();
            },
            (h, id, atLeast) => h.ReceivedAtLeast<MarkReportIncomplete>(atLeast, c => c.PublicationId == id)),
    ];

    /// <summary>The step the saga names as current: the compensation keeps naming the PDF step that failed.</summary>
    public string CurrentStep => Name == PublicationSteps.MarkReportIncomplete ? PublicationSteps.UploadReportPdf : Name;

    public static TheoryData<string> Names => new(All.Select(s => s.Name));

    public static RunningStep Named(string name) => All.Single(s => s.Name == name);

    /// <summary>Starts a meeting whose publication stops in this step, its command taken but never answered.</summary>
    public async Task<ReportPublication> StopIn(StateMachineHarness harness, MeetingCompleted meeting)
    {
        Stop(harness.Steps);
        var saga = await harness.Start(meeting, State);
        Assert.Equal(1, await CommandsTaken(harness, saga.CorrelationId, 1));
        return saga;
    }
}
