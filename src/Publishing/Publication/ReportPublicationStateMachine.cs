using MassTransit;
using TeamRetro.Confluence.Contracts;
using Queues = TeamRetro.Confluence.Publishing.Publication.PublicationSteps.Queues;
using Step = TeamRetro.Confluence.Publishing.Publication.PublicationSteps;

namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>
/// One instance per (tenant, meeting). It decides what happens next; the step consumers do the work.
/// ResolvingSpace → EnsuringParentPage → PublishingPage → UploadingPdf → Published, any step → Failed,
/// and a PDF that fails for good after the page exists → MarkingIncomplete (compensation) → Failed.
/// An admin may cancel a running or failed publication → Cancelled.
/// </summary>
public sealed class ReportPublicationStateMachine : MassTransitStateMachine<ReportPublication>
{
    public State ResolvingSpace { get; private set; } = null!;
    public State EnsuringParentPage { get; private set; } = null!;
    public State PublishingPage { get; private set; } = null!;
    public State UploadingPdf { get; private set; } = null!;
    public State MarkingIncomplete { get; private set; } = null!;
    public State Published { get; private set; } = null!;
    public State Failed { get; private set; } = null!;
    public State Cancelled { get; private set; } = null!;

    public Event<MeetingCompleted> MeetingCompleted { get; private set; } = null!;
    public Event<SpaceResolved> SpaceResolved { get; private set; } = null!;
    public Event<ParentPageEnsured> ParentPageEnsured { get; private set; } = null!;
    public Event<ReportPagePublished> ReportPagePublished { get; private set; } = null!;
    public Event<ReportPdfUploaded> ReportPdfUploaded { get; private set; } = null!;
    public Event<ReportMarkedIncomplete> ReportMarkedIncomplete { get; private set; } = null!;
    public Event<ReplayPublication> ReplayRequested { get; private set; } = null!;
    public Event<RedrivePublication> RedriveRequested { get; private set; } = null!;
    public Event<CancelPublication> CancelRequested { get; private set; } = null!;

    public Event<Fault<ResolveSpace>> ResolveSpaceFaulted { get; private set; } = null!;
    public Event<Fault<EnsureParentPage>> EnsureParentPageFaulted { get; private set; } = null!;
    public Event<Fault<PublishReportPage>> PublishReportPageFaulted { get; private set; } = null!;
    public Event<Fault<UploadReportPdf>> UploadReportPdfFaulted { get; private set; } = null!;
    public Event<Fault<MarkReportIncomplete>> MarkReportIncompleteFaulted { get; private set; } = null!;

    public ReportPublicationStateMachine(TimeProvider clock)
    {
        InstanceState(x => x.CurrentState);

        Event(() => MeetingCompleted, e => e.CorrelateById(c => PublicationId.For(c.Message.TenantId, c.Message.MeetingId)));
        Event(() => SpaceResolved, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => ParentPageEnsured, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => ReportPagePublished, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => ReportPdfUploaded, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => ReportMarkedIncomplete, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => ReplayRequested, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => RedriveRequested, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => CancelRequested, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => ResolveSpaceFaulted, e => Correlate(e, c => c.Message.Message.PublicationId));
        Event(() => EnsureParentPageFaulted, e => Correlate(e, c => c.Message.Message.PublicationId));
        Event(() => PublishReportPageFaulted, e => Correlate(e, c => c.Message.Message.PublicationId));
        Event(() => UploadReportPdfFaulted, e => Correlate(e, c => c.Message.Message.PublicationId));
        Event(() => MarkReportIncompleteFaulted, e => Correlate(e, c => c.Message.Message.PublicationId));

        Initially(StartOrReject(When(MeetingCompleted), clock));

        During(ResolvingSpace,
            When(SpaceResolved)
                .Then(c =>
                {
                    c.Saga.SpaceKey = c.Message.SpaceKey;
                    c.Saga.ParentPageTitle = c.Message.ParentPageTitle;
                    c.Saga.Begin(Step.EnsureParentPage, clock.GetUtcNow());
                })
                .Send(Queues.EnsureParentPage, c => PublicationCommands.EnsureParentPage(c.Saga))
                .TransitionTo(EnsuringParentPage),
            When(ResolveSpaceFaulted)
                .Then(c => c.Saga.Fail(Step.ResolveSpace, c.Message.FaultReason(), clock.GetUtcNow()))
                .Publish(c => PublicationCommands.Failed(c.Saga))
                .TransitionTo(Failed),
            When(RedriveRequested)
                .Then(c => c.Saga.Redriven(clock.GetUtcNow()))
                .Send(Queues.ResolveSpace, c => PublicationCommands.ResolveSpace(c.Saga)));

        During(EnsuringParentPage,
            When(ParentPageEnsured)
                .Then(c =>
                {
                    c.Saga.ParentPageId = c.Message.ParentPageId;
                    c.Saga.Begin(Step.PublishReportPage, clock.GetUtcNow());
                })
                .Send(Queues.PublishReportPage, c => PublicationCommands.PublishReportPage(c.Saga))
                .TransitionTo(PublishingPage),
            When(EnsureParentPageFaulted)
                .Then(c => c.Saga.Fail(Step.EnsureParentPage, c.Message.FaultReason(), clock.GetUtcNow()))
                .Publish(c => PublicationCommands.Failed(c.Saga))
                .TransitionTo(Failed),
            When(RedriveRequested)
                .Then(c => c.Saga.Redriven(clock.GetUtcNow()))
                .Send(Queues.EnsureParentPage, c => PublicationCommands.EnsureParentPage(c.Saga)));

        During(PublishingPage,
            When(ReportPagePublished)
                .Then(c =>
                {
                    c.Saga.PageId = c.Message.PageId;
                    c.Saga.PageTitle = c.Message.Title;
                    c.Saga.PageVersion = c.Message.Version;
                    c.Saga.PageUrl = c.Message.WebUrl;
                    c.Saga.Begin(Step.UploadReportPdf, clock.GetUtcNow());
                })
                .Send(Queues.UploadReportPdf, c => PublicationCommands.UploadReportPdf(c.Saga))
                .TransitionTo(UploadingPdf),
            // The parent page or space was deleted since it was located: locate both again (a few times at most).
            When(PublishReportPageFaulted, c => PublicationProgress.MayRelocate(c.Saga, c.Message))
                .Then(c =>
                {
                    c.Saga.Record(clock.GetUtcNow(), "Relocating", Step.PublishReportPage, c.Message.FaultReason());
                    c.Saga.Begin(Step.ResolveSpace, clock.GetUtcNow());
                })
                .Send(Queues.ResolveSpace, c => PublicationCommands.ResolveSpace(c.Saga))
                .TransitionTo(ResolvingSpace),
            When(PublishReportPageFaulted, c => !PublicationProgress.MayRelocate(c.Saga, c.Message))
                .Then(c => c.Saga.Fail(Step.PublishReportPage, c.Message.FaultReason(), clock.GetUtcNow()))
                .Publish(c => PublicationCommands.Failed(c.Saga))
                .TransitionTo(Failed),
            When(RedriveRequested)
                .Then(c => c.Saga.Redriven(clock.GetUtcNow()))
                .Send(Queues.PublishReportPage, c => PublicationCommands.PublishReportPage(c.Saga)));

        During(UploadingPdf,
            When(ReportPdfUploaded)
                .Then(c =>
                {
                    c.Saga.AttachmentId = c.Message.AttachmentId;
                    c.Saga.PdfSha256 = c.Message.Sha256;
                })
                .IfElse(c => c.Saga.TakePending(clock.GetUtcNow()),
                    newer => newer
                        .Then(c => c.Saga.Begin(Step.PublishReportPage, clock.GetUtcNow()))
                        .Send(Queues.PublishReportPage, c => PublicationCommands.PublishReportPage(c.Saga))
                        .TransitionTo(PublishingPage),
                    done => done
                        .Then(c => c.Saga.MarkPublished(clock.GetUtcNow()))
                        .Publish(c => PublicationCommands.Published(c.Saga))
                        .TransitionTo(Published)),
            When(UploadReportPdfFaulted)
                .Then(c => c.Saga.Fail(Step.UploadReportPdf, c.Message.FaultReason(), clock.GetUtcNow()))
                .Send(Queues.MarkReportIncomplete, c => PublicationCommands.MarkReportIncomplete(c.Saga))
                .TransitionTo(MarkingIncomplete),
            When(RedriveRequested)
                .Then(c => c.Saga.Redriven(clock.GetUtcNow()))
                .Send(Queues.UploadReportPdf, c => PublicationCommands.UploadReportPdf(c.Saga)));

        During(MarkingIncomplete,
            When(ReportMarkedIncomplete)
                .Then(c => c.Saga.PageVersion = c.Message.PageVersion)
                .Publish(c => PublicationCommands.Failed(c.Saga))
                .TransitionTo(Failed),
            When(MarkReportIncompleteFaulted)
                .Then(c => c.Saga.AppendError($" The page could not be marked as incomplete either: {c.Message.FaultReason()}"))
                .Publish(c => PublicationCommands.Failed(c.Saga))
                .TransitionTo(Failed),
            When(RedriveRequested)
                .Then(c => c.Saga.Redriven(clock.GetUtcNow()))
                .Send(Queues.MarkReportIncomplete, c => PublicationCommands.MarkReportIncomplete(c.Saga)));

        // A redelivery of the meeting being published changes nothing; a newer version waits for this run to end.
        During([ResolvingSpace, EnsuringParentPage, PublishingPage, UploadingPdf, MarkingIncomplete],
            When(MeetingCompleted).Then(c => c.Saga.QueueIfChanged(c.Message, clock.GetUtcNow())),
            Ignore(ReplayRequested));

        // Published again (or again after a failure): the same page is updated, never a second one. Validated like a
        // first delivery: an invalid event sent twice fails twice instead of being published on the second try.
        During(Failed, StartOrReject(When(MeetingCompleted), clock));
        // The same meeting delivered again after it was published is a duplicate: it costs Confluence nothing.
        During(Published,
            StartOrReject(When(MeetingCompleted, c => c.Saga.IsNewVersion(c.Message)), clock),
            When(MeetingCompleted, c => !c.Saga.IsNewVersion(c.Message)));

        // Replay resumes from the failed step. After a PDF failure the page carries a "PDF missing" notice,
        // so the replay republishes the page first: it converges to exactly what a clean run produces.
        During(Failed,
            When(ReplayRequested, c => c.Saga.FailedStep == Step.ResolveSpace)
                .Then(c => Resume(c.Saga, Step.ResolveSpace, clock))
                .Send(Queues.ResolveSpace, c => PublicationCommands.ResolveSpace(c.Saga))
                .TransitionTo(ResolvingSpace),
            When(ReplayRequested, c => c.Saga.FailedStep == Step.EnsureParentPage)
                .Then(c => Resume(c.Saga, Step.EnsureParentPage, clock))
                .Send(Queues.EnsureParentPage, c => PublicationCommands.EnsureParentPage(c.Saga))
                .TransitionTo(EnsuringParentPage),
            When(ReplayRequested, c => c.Saga.FailedStep is Step.PublishReportPage or Step.UploadReportPdf)
                .Then(c => Resume(c.Saga, Step.PublishReportPage, clock))
                .Send(Queues.PublishReportPage, c => PublicationCommands.PublishReportPage(c.Saga))
                .TransitionTo(PublishingPage),
            // An invalid event cannot be fixed by replaying it: the retro service must send a corrected one.
            When(ReplayRequested, c => c.Saga.FailedStep == Step.Validate));

        During(Published, Ignore(ReplayRequested));
        During(Published, Failed, Ignore(RedriveRequested));

        // Cancel stops a running or failed publication where it stands; only a changed meeting starts it again.
        During([ResolvingSpace, EnsuringParentPage, PublishingPage, UploadingPdf, MarkingIncomplete, Failed],
            When(CancelRequested)
                .Then(c => c.Saga.Cancel(c.Message.CancelledBy, clock.GetUtcNow()))
                .TransitionTo(Cancelled));
        During(Cancelled,
            StartOrReject(When(MeetingCompleted, c => c.Saga.IsNewVersion(c.Message)), clock),
            When(MeetingCompleted, c => !c.Saga.IsNewVersion(c.Message)),
            Ignore(ReplayRequested), Ignore(RedriveRequested), Ignore(CancelRequested));
        During(Published, Ignore(CancelRequested));

        // Late results and faults of a step the saga has moved past (redeliveries, races with a replay) change nothing.
        DuringAny(
            Ignore(SpaceResolved), Ignore(ParentPageEnsured), Ignore(ReportPagePublished), Ignore(ReportPdfUploaded),
            Ignore(ReportMarkedIncomplete), Ignore(ResolveSpaceFaulted), Ignore(EnsureParentPageFaulted),
            Ignore(PublishReportPageFaulted), Ignore(UploadReportPdfFaulted), Ignore(MarkReportIncompleteFaulted));
    }

    /// <summary>Takes the meeting; a valid one starts at ResolveSpace, an invalid one fails at Validate with the reason.</summary>
    EventActivityBinder<ReportPublication, MeetingCompleted> StartOrReject(EventActivityBinder<ReportPublication, MeetingCompleted> when, TimeProvider clock) =>
        when
            .Then(c => c.Saga.Accept(c.Message, clock.GetUtcNow()))
            .IfElse(c => PublicationProgress.ValidationProblem(c.Message) is null,
                valid => valid
                    .Then(c => c.Saga.Begin(Step.ResolveSpace, clock.GetUtcNow()))
                    .Send(Queues.ResolveSpace, c => PublicationCommands.ResolveSpace(c.Saga))
                    .TransitionTo(ResolvingSpace),
                invalid => invalid
                    .Then(c => c.Saga.Fail(Step.Validate, PublicationProgress.ValidationProblem(c.Message)!, clock.GetUtcNow()))
                    .Publish(c => PublicationCommands.Failed(c.Saga))
                    .TransitionTo(Failed));

    static void Resume(ReportPublication saga, string step, TimeProvider clock)
    {
        saga.Resume(clock.GetUtcNow());
        saga.Begin(step, clock.GetUtcNow());
    }

    /// <summary>Step results and replays must find their instance: a missing one is a bug or a wrong id, so fault visibly.</summary>
    static void Correlate<T>(IEventCorrelationConfigurator<ReportPublication, T> e, Func<ConsumeContext<T>, Guid> id) where T : class
    {
        e.CorrelateById(c => id(c));
        e.OnMissingInstance(m => m.Fault());
    }
}
