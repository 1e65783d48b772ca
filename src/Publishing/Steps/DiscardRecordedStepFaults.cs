using MassTransit;

namespace TeamRetro.Confluence.Publishing.Steps;

/// <summary>
/// First in a step endpoint's error pipe. When the step consumer threw, MassTransit has already published
/// <c>Fault&lt;TCommand&gt;</c>, which the saga records (Failed, replayable): the command is not booked a second time in
/// <c>_error</c> (security review 14). A fault the saga cannot take (no instance) faults the saga in turn and is kept in
/// <c>report-publication_error</c>. A message that never reached the consumer (unreadable) goes on to <c>_error</c>.
/// </summary>
public sealed class DiscardRecordedStepFaults : IFilter<ExceptionReceiveContext>
{
    public Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next) =>
        // IsFaulted: the consumer's fault was notified; while stopping MassTransit skips publishing it, so keep those.
        context.IsFaulted && !context.CancellationToken.IsCancellationRequested ? Task.CompletedTask : next.Send(context);

    public void Probe(ProbeContext context) => context.CreateFilterScope("discardRecordedStepFaults");
}
