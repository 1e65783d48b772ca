using MassTransit;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Persistence.Outbox;
using Step = TeamRetro.Confluence.Publishing.Publication.PublicationSteps;

namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>
/// One instance per (tenant, meeting). It decides what happens next; the step consumers do the work.
/// ResolvingSpace → EnsuringParentPage → PublishingPage → UploadingPdf → Published, any step → Failed,
/// and a PDF that fails for good after the page exists → MarkingIncomplete (compensation) → Failed.
/// An admin may cancel a running or failed publication → Cancelled.
/// The verbs the flow is written in (<c>BeginStep</c>, <c>Redrive</c>, <c>FailStep</c>) are defined once, in
/// <see cref="ReportPublicationBehaviors"/>; each step's state, queue and command in <see cref="StepFlow"/>.
/// </summary>
public sealed class ReportPublicationStateMachine : MassTransitStateMachine<ReportPublication>
{
    // Property names are the stored state names: keep them equal to PublicationStates (a test checks).
    public State ResolvingSpace { get; private set; } = null!;
    public State EnsuringParentPage { get; private set; } = null!;
    public State PublishingPage { get; private set; } = null!;
    public State UploadingPdf { get; private set; } = null!;
    public State MarkingIncomplete { get; private set; } = null!;
    public State Waiting { get; private set; } = null!;
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
    public Event<StepDeferred> StepDeferred { get; private set; } = null!;
    public Event<ResumePublication> ResumeRequested { get; private set; } = null!;

    public Event<Fault<ResolveSpace>> ResolveSpaceFaulted { get; private set; } = null!;
    public Event<Fault<EnsureParentPage>> EnsureParentPageFaulted { get; private set; } = null!;
    public Event<Fault<PublishReportPage>> PublishReportPageFaulted { get; private set; } = null!;
    public Event<Fault<UploadReportPdf>> UploadReportPdfFaulted { get; private set; } = null!;
    public Event<Fault<MarkReportIncomplete>> MarkReportIncompleteFaulted { get; private set; } = null!;

    /// <summary>Each step as the machine knows it: its name, the state that waits for it, its queue and its command.</summary>
    internal StepFlow[] Steps { get; }

    internal StepFlow StepNamed(string name) => Steps.Single(s => s.Name == name);

    public ReportPublicationStateMachine(TimeProvider clock, Microsoft.Extensions.Options.IOptions<WaitingOptions>? waitingOptions = null)
    {
        var waiting = waitingOptions?.Value ?? new WaitingOptions();
        InstanceState(x => x.CurrentState);
        Steps =
        [
            new(Step.ResolveSpace, ResolvingSpace, Step.Queues.ResolveSpace, PublicationCommands.ResolveSpace),
            new(Step.EnsureParentPage, EnsuringParentPage, Step.Queues.EnsureParentPage, PublicationCommands.EnsureParentPage),
            new(Step.PublishReportPage, PublishingPage, Step.Queues.PublishReportPage, PublicationCommands.PublishReportPage),
            new(Step.UploadReportPdf, UploadingPdf, Step.Queues.UploadReportPdf, PublicationCommands.UploadReportPdf),
            new(Step.MarkReportIncomplete, MarkingIncomplete, Step.Queues.MarkReportIncomplete, PublicationCommands.MarkReportIncomplete),
        ];
        var resolveSpace = StepNamed(Step.ResolveSpace);
        var ensureParentPage = StepNamed(Step.EnsureParentPage);
        var publishReportPage = StepNamed(Step.PublishReportPage);
        var uploadReportPdf = StepNamed(Step.UploadReportPdf);
        var markReportIncomplete = StepNamed(Step.MarkReportIncomplete);

        Event(() => MeetingCompleted, e => e.CorrelateById(c => PublicationId.For(c.Message.TenantId, c.Message.MeetingId)));
        Event(() => SpaceResolved, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => ParentPageEnsured, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => ReportPagePublished, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => ReportPdfUploaded, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => ReportMarkedIncomplete, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => ReplayRequested, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => RedriveRequested, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => CancelRequested, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => StepDeferred, e => Correlate(e, c => c.Message.PublicationId));
        Event(() => ResumeRequested, e => Correlate(e, c => c.Message.PublicationId));
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
                })
                .BeginStep(ensureParentPage, clock),
            When(ResolveSpaceFaulted).FailStep(resolveSpace, c => c.Message.FaultReason(), Failed, clock),
            When(RedriveRequested).Redrive(resolveSpace, clock));

        During(EnsuringParentPage,
            When(ParentPageEnsured)
                .Then(c => c.Saga.ParentPageId = c.Message.ParentPageId)
                .BeginStep(publishReportPage, clock),
            When(EnsureParentPageFaulted).FailStep(ensureParentPage, c => c.Message.FaultReason(), Failed, clock),
            When(RedriveRequested).Redrive(ensureParentPage, clock));

        During(PublishingPage,
            When(ReportPagePublished)
                .Then(c =>
                {
                    c.Saga.PageId = c.Message.PageId;
                    c.Saga.PageTitle = c.Message.Title;
                    c.Saga.PageVersion = c.Message.Version;
                    c.Saga.PageUrl = c.Message.WebUrl;
                })
                .BeginStep(uploadReportPdf, clock),
            // The parent page or space was deleted since it was located: locate both again (a few times at most).
            // Decided once: two filtered activities would each read the history after the other had written it.
            When(PublishReportPageFaulted)
                .IfElse(c => PublicationProgress.MayRelocate(c.Saga, c.Message),
                    relocate => relocate
                        .Then(c => c.Saga.Record(clock.GetUtcNow(), HistoryVerbs.Relocating, Step.PublishReportPage, c.Message.FaultReason()))
                        .BeginStep(resolveSpace, clock),
                    fail => fail.FailStep(publishReportPage, c => c.Message.FaultReason(), Failed, clock)),
            When(RedriveRequested).Redrive(publishReportPage, clock));

        During(UploadingPdf,
            When(ReportPdfUploaded)
                .Then(c =>
                {
                    c.Saga.AttachmentId = c.Message.AttachmentId;
                    c.Saga.PdfSha256 = c.Message.Sha256;
                })
                .IfElse(c => c.Saga.TakePending(clock.GetUtcNow()),
                    newer => newer.BeginStep(publishReportPage, clock),
                    done => done
                        .Then(c => c.Saga.MarkPublished(clock.GetUtcNow()))
                        .PublishOutcome(c => PublicationCommands.Published(c.Saga))
                        .TransitionTo(Published)),
            // The page exists but its PDF failed for good: compensate by marking the page, then fail.
            When(UploadReportPdfFaulted)
                .Then(c => c.Saga.Fail(Step.UploadReportPdf, c.Message.FaultReason(), clock.GetUtcNow()))
                .SendCommand(markReportIncomplete)
                .TransitionTo(MarkingIncomplete),
            When(RedriveRequested).Redrive(uploadReportPdf, clock));

        During(MarkingIncomplete,
            When(ReportMarkedIncomplete)
                .Then(c => c.Saga.PageVersion = c.Message.PageVersion)
                .PublishOutcome(c => PublicationCommands.Failed(c.Saga))
                .TransitionTo(Failed),
            When(MarkReportIncompleteFaulted)
                .Then(c => c.Saga.AppendError($" The page could not be marked as incomplete either: {c.Message.FaultReason()}"))
                .PublishOutcome(c => PublicationCommands.Failed(c.Saga))
                .TransitionTo(Failed),
            When(RedriveRequested).Redrive(markReportIncomplete, clock));

        // Confluence could not take the step now (5xx, 429, unreachable, its site paused): wait durably, holding
        // nothing, and run the step again when due (WaitingPublicationDispatcher), or fail once the budget is spent.
        foreach (var step in Steps)
        {
            During(step.State,
                When(StepDeferred, c => c.Message.Step == step.Name)
                    .IfElse(c => c.Saga.Wait(c.Message, waiting, clock.GetUtcNow()),
                        wait => wait.TransitionTo(Waiting),
                        spent => step == uploadReportPdf
                            ? spent.SendCommand(markReportIncomplete).TransitionTo(MarkingIncomplete)
                            : spent.PublishOutcome(c => PublicationCommands.Failed(c.Saga)).TransitionTo(Failed)),
                When(StepDeferred, c => c.Message.Step != step.Name)); // a late deferral of a step already passed
            During(Waiting,
                When(ResumeRequested, c => c.Saga.CurrentStep == step.Name && (c.Message.Attempt ?? c.Saga.WaitAttempts) == c.Saga.WaitAttempts)
                    .ResumeStep(step, c => c.Message.Attempt is null ? "Retried now by an admin" : $"Attempt {c.Saga.WaitAttempts + 1}", clock),
                When(ReplayRequested, c => c.Saga.CurrentStep == step.Name)
                    .ResumeStep(step, _ => "Replayed by an admin while waiting", clock));
        }
        // A resume for a wait already over (a duplicate from another worker's dispatcher) changes nothing.
        During(Waiting, When(ResumeRequested, c => (c.Message.Attempt ?? c.Saga.WaitAttempts) != c.Saga.WaitAttempts));

        // A redelivery of the meeting being published changes nothing; a newer version waits for this run to end.
        During(Steps.Select(s => s.State).Append(Waiting),
            When(MeetingCompleted).Then(c => c.Saga.QueueIfChanged(c.Message, clock.GetUtcNow())));
        During(Steps.Select(s => s.State), Ignore(ReplayRequested));
        During(Waiting, Ignore(RedriveRequested));

        // Published again (or again after a failure): the same page is updated, never a second one. Validated like a
        // first delivery: an invalid event sent twice fails twice instead of being published on the second try.
        During(Failed, StartOrReject(When(MeetingCompleted), clock));
        // The same meeting delivered again after it was published is a duplicate: it costs Confluence nothing.
        During(Published,
            StartOrReject(When(MeetingCompleted, c => c.Saga.IsNewVersion(c.Message)), clock),
            When(MeetingCompleted, c => !c.Saga.IsNewVersion(c.Message)));

        // Replay resumes from the failed step. After a PDF failure the page carries a "PDF missing" notice,
        // so the replay republishes the page first: it converges to exactly what a clean run produces.
        // A publication whose snapshot retention purged has nothing left to replay (the Api refuses it first; this is for
        // a replay sent on the bus by other means): the retro service must send the meeting again.
        During(Failed,
            When(ReplayRequested, c => c.Saga.PurgedAt is null && c.Saga.FailedStep == Step.ResolveSpace).Replay(resolveSpace, clock),
            When(ReplayRequested, c => c.Saga.PurgedAt is null && c.Saga.FailedStep == Step.EnsureParentPage).Replay(ensureParentPage, clock),
            When(ReplayRequested, c => c.Saga.PurgedAt is null && c.Saga.FailedStep is Step.PublishReportPage or Step.UploadReportPdf)
                .Replay(publishReportPage, clock),
            When(ReplayRequested, c => c.Saga.PurgedAt is not null)
                .Then(c => c.Saga.Record(clock.GetUtcNow(), HistoryVerbs.ReplayRefused, null,
                    "The meeting's snapshot was purged after the retention period; the retro service must send the meeting again.")),
            // An invalid event cannot be fixed by replaying it: the retro service must send a corrected one.
            When(ReplayRequested, c => c.Saga.FailedStep == Step.Validate));

        During(Published, Ignore(ReplayRequested));
        During(Published, Failed, Ignore(RedriveRequested));

        // Cancel stops a running or failed publication where it stands; only a changed meeting starts it again.
        During(Steps.Select(s => s.State).Append(Waiting).Append(Failed),
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
            Ignore(PublishReportPageFaulted), Ignore(UploadReportPdfFaulted), Ignore(MarkReportIncompleteFaulted),
            Ignore(StepDeferred), Ignore(ResumeRequested));
    }

    /// <summary>Takes the meeting; a valid one starts at ResolveSpace, an invalid one fails at Validate with the reason.</summary>
    EventActivityBinder<ReportPublication, MeetingCompleted> StartOrReject(EventActivityBinder<ReportPublication, MeetingCompleted> when, TimeProvider clock) =>
        when
            .Then(c => c.Saga.Accept(c.Message, clock.GetUtcNow()))
            .IfElse(c => PublicationProgress.ValidationProblem(c.Message) is null,
                valid => valid.BeginStep(StepNamed(Step.ResolveSpace), clock),
                invalid => invalid
                    .Then(c => c.Saga.Fail(Step.Validate, PublicationProgress.ValidationProblem(c.Message)!, clock.GetUtcNow()))
                    .PublishOutcome(c => PublicationCommands.Failed(c.Saga))
                    .TransitionTo(Failed));

    /// <summary>Step results and replays must find their instance: a missing one is a bug or a wrong id, so fault visibly.</summary>
    static void Correlate<T>(IEventCorrelationConfigurator<ReportPublication, T> e, Func<ConsumeContext<T>, Guid> id) where T : class
    {
        e.CorrelateById(c => id(c));
        e.OnMissingInstance(m => m.Fault());
    }
}

/// <summary>A step as the state machine sees it: the state it runs in, the queue of its consumer, its command.</summary>
internal sealed record StepFlow(string Name, State State, Uri Queue, Func<ReportPublication, object> Command);

/// <summary>The verbs the machine's flow is written in (in the manner of MassTransit's JobAttemptStateMachine extensions).</summary>
internal static class ReportPublicationBehaviors
{
    /// <summary>Starts a step: history and metrics, its command to its queue, its state.</summary>
    public static EventActivityBinder<ReportPublication, T> BeginStep<T>(this EventActivityBinder<ReportPublication, T> binder,
        StepFlow step, TimeProvider clock) where T : class =>
        binder
            .Then(c => c.Saga.Begin(step.Name, clock.GetUtcNow()))
            .SendCommand(step)
            .TransitionTo(step.State);

    /// <summary>The sweeper found the step stalled: a new attempt of the same step, same state.</summary>
    public static EventActivityBinder<ReportPublication, T> Redrive<T>(this EventActivityBinder<ReportPublication, T> binder,
        StepFlow step, TimeProvider clock) where T : class =>
        binder
            .Then(c => c.Saga.Redriven(clock.GetUtcNow()))
            .SendCommand(step);

    /// <summary>An admin's replay of a failed publication, from <paramref name="step"/>.</summary>
    public static EventActivityBinder<ReportPublication, T> Replay<T>(this EventActivityBinder<ReportPublication, T> binder,
        StepFlow step, TimeProvider clock) where T : class =>
        binder
            .Then(c => c.Saga.Resume(clock.GetUtcNow()))
            .BeginStep(step, clock);

    /// <summary>A waiting publication runs its step again, in the step's state.</summary>
    public static EventActivityBinder<ReportPublication, T> ResumeStep<T>(this EventActivityBinder<ReportPublication, T> binder,
        StepFlow step, Func<BehaviorContext<ReportPublication, T>, string> why, TimeProvider clock) where T : class =>
        binder
            .Then(c => c.Saga.ResumeWaiting(why(c), clock.GetUtcNow()))
            .SendCommand(step)
            .TransitionTo(step.State);

    /// <summary>The step failed for good: the reason is recorded and announced, and the publication is failed.</summary>
    public static EventActivityBinder<ReportPublication, T> FailStep<T>(this EventActivityBinder<ReportPublication, T> binder,
        StepFlow step, Func<BehaviorContext<ReportPublication, T>, string> reason, State failed, TimeProvider clock) where T : class =>
        binder
            .Then(c => c.Saga.Fail(step.Name, reason(c), clock.GetUtcNow()))
            .PublishOutcome(c => PublicationCommands.Failed(c.Saga))
            .TransitionTo(failed);

    /// <summary>The step's command, built from the saga row (so a replay sends what a first run would), to its queue.</summary>
    public static EventActivityBinder<ReportPublication, T> SendCommand<T>(this EventActivityBinder<ReportPublication, T> binder,
        StepFlow step) where T : class =>
        binder.ThenAsync(async c =>
        {
            var command = step.Command(c.Saga);
            if (Outbox(c) is { } outbox)
                outbox.Send(step.Queue, command);
            else
                await (await c.GetSendEndpoint(step.Queue)).Send(command, c.CancellationToken);
        });

    /// <summary>Announces how the publication ended (ReportPublished, ReportPublicationFailed) to whoever subscribes.</summary>
    public static EventActivityBinder<ReportPublication, T> PublishOutcome<T, TOutcome>(this EventActivityBinder<ReportPublication, T> binder,
        Func<BehaviorContext<ReportPublication, T>, TOutcome> outcome) where T : class where TOutcome : class =>
        binder.ThenAsync(async c =>
        {
            var message = outcome(c);
            if (Outbox(c) is { } outbox)
                outbox.Publish(message);
            else
                await c.Publish(message, c.CancellationToken);
        });

    /// <summary>
    /// The saga's transactional outbox when its repository is our EF one; the in-memory repository (the load driver's
    /// ceiling, state-machine specs) sends through the consume context instead.
    /// </summary>
    static PublicationOutbox? Outbox(BehaviorContext<ReportPublication> c) =>
        c.TryGetPayload<IServiceProvider>(out var services) ? services.GetService<PublicationOutbox>() : null;
}
