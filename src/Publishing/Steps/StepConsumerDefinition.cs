using MassTransit;
using MassTransit.Middleware;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Messaging;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Publishing.Steps;

/// <summary>
/// Every step: its own queue (named by <see cref="PublicationSteps.Queues"/>), exponential message retry for what a
/// second look settles, none for permanent failures (they fault at once and the saga records why), and the in-memory
/// outbox inside the retry so a retried attempt never leaks the messages of a failed one. Confluence being unavailable
/// is neither: the step defers (<see cref="DeferWhileConfluenceUnavailable{TCommand}"/>) and its publication waits
/// durably. A fault the saga recorded is not also moved to the step's <c>_error</c> queue.
/// </summary>
public sealed class StepConsumerDefinition<TConsumer, TCommand> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer<TCommand>
    where TCommand : class
{
    readonly RetryScheduleOptions retry;
    readonly RetryScheduleOptions infrastructure;
    readonly WaitingOptions waiting;
    readonly TimeProvider clock;

    public StepConsumerDefinition(IOptionsMonitor<RetryScheduleOptions> schedules, IOptions<WaitingOptions> waiting, TimeProvider clock)
    {
        EndpointName = PublicationSteps.Queues.NameFor(typeof(TCommand).Name);
        retry = schedules.Get(RetryScheduleOptions.Step);
        infrastructure = schedules.Get(RetryScheduleOptions.Infrastructure);
        this.waiting = waiting.Value;
        this.clock = clock;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        endpointConfigurator.UseInfrastructureRetry(infrastructure);
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Exponential(retry.Attempts, retry.MinInterval, retry.MaxInterval, retry.IntervalDelta);
            r.Ignore<PublicationFailedException>(e => e.IsPermanent);
            r.Ignore<InvalidMeetingException>();
            r.Ignore<Exception>(InfrastructureRetry.IsDatabaseFailure); // left to the infrastructure retry: MassTransit never nests retries
        });
        endpointConfigurator.UseInMemoryOutbox(context);
        endpointConfigurator.ConfigurePublish(p => p.UseExecute(c => c.InFlightPriority()));
        consumerConfigurator.Message<TCommand>(m => m.UseFilter(new DeferWhileConfluenceUnavailable<TCommand>(waiting, clock)));

        // The saga consumes every step's Fault<TCommand> and records the failure; _error keeps only what it could not take.
        endpointConfigurator.ConfigureError(x =>
        {
            x.UseFilter(new DiscardRecordedStepFaults());
            x.UseFilter(new GenerateFaultFilter());
            x.UseFilter(new ErrorTransportFilter());
        });
    }
}
