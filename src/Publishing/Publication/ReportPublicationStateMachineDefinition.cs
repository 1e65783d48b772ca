using MassTransit;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Publishing.Messaging;
using Queues = TeamRetro.Confluence.Publishing.Publication.PublicationSteps.Queues;

namespace TeamRetro.Confluence.Publishing.Publication;

public sealed class ReportPublicationStateMachineDefinition : SagaDefinition<ReportPublication>
{
    readonly RetryScheduleOptions infrastructure;
    readonly MessagingOptions messaging;
    readonly ILogger logger;
    readonly CancellationToken stopping;

    public ReportPublicationStateMachineDefinition(IOptionsMonitor<RetryScheduleOptions> schedules, IOptions<MessagingOptions> messaging,
        ILogger<ReportPublicationStateMachineDefinition> logger, IHostApplicationLifetime? lifetime = null)
    {
        this.messaging = messaging.Value;
        this.logger = logger;
        stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
        EndpointName = Queues.SagaName;
        infrastructure = schedules.Get(RetryScheduleOptions.Infrastructure);
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<ReportPublication> sagaConfigurator, IRegistrationContext context)
    {
        // Publishers that are not MassTransit may send the bare MeetingCompleted JSON (docs/wire-format.md): it is read
        // as a MeetingCompleted only, never as one of the step results or faults this endpoint also consumes.
        endpointConfigurator.WithPublicationPriorities(messaging, Queues.SagaName, logger, stopping);
        endpointConfigurator.AddDeserializer(new RawMeetingCompletedSerializerFactory(), isDefault: false);

        // Two messages for one publication racing: the loser's save throws ConcurrencyException and is re-run
        // against fresh state. Retry wraps the outbox, so a losing attempt never sends anything.
        endpointConfigurator.UseInfrastructureRetry(infrastructure);
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Intervals(10, 50, 100, 250, 500, 1000, 2000, 4000);
            r.Ignore<System.Runtime.Serialization.SerializationException>(); // a malformed event goes to _error at once: retrying cannot fix it
            r.Ignore<System.Text.Json.JsonException>();
            r.Ignore<Exception>(InfrastructureRetry.IsDatabaseFailure); // left to the infrastructure retry: MassTransit never nests retries
        });
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
