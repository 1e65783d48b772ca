using Microsoft.Extensions.Configuration;
using System.Linq.Expressions;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Messaging;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Worker.Tests.Rendering;
using Queues = TeamRetro.Confluence.Publishing.Publication.PublicationSteps.Queues;

namespace TeamRetro.Confluence.Worker.Tests.Publication.StateMachine;

/// <summary>
/// The state machine alone, with its real definition, on MassTransit's test harness with an in-memory saga repository
/// and stub step consumers on the steps' queues: no HTTP, no database, no emulator. States are asserted by property.
/// </summary>
public sealed class StateMachineHarness : IAsyncDisposable
{
    readonly ServiceProvider provider;

    StateMachineHarness(ServiceProvider provider) => this.provider = provider;

    public ITestHarness Test => provider.GetRequiredService<ITestHarness>();
    public ISagaStateMachineTestHarness<ReportPublicationStateMachine, ReportPublication> Saga =>
        Test.GetSagaStateMachineHarness<ReportPublicationStateMachine, ReportPublication>();
    public ReportPublicationStateMachine Machine => Saga.StateMachine;
    public StepStubs Steps { get; } = new();
    public Guid TenantId { get; } = Guid.NewGuid();

    public static async Task<StateMachineHarness> StartAsync()
    {
        var services = new ServiceCollection();
        StateMachineHarness? harness = null;
        services.AddSingleton(TimeProvider.System);
        services.AddRetrySchedules(new ConfigurationBuilder().Build()); // the defaults
        services.AddSingleton(_ => harness!.Steps);
        services.AddMassTransitTestHarness(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddSagaStateMachine<ReportPublicationStateMachine, ReportPublication, ReportPublicationStateMachineDefinition>()
                .InMemoryRepository();
            bus.AddConsumer<StepStub<ResolveSpace>>().Endpoint(e => e.Name = Queues.ResolveSpaceName);
            bus.AddConsumer<StepStub<EnsureParentPage>>().Endpoint(e => e.Name = Queues.EnsureParentPageName);
            bus.AddConsumer<StepStub<PublishReportPage>>().Endpoint(e => e.Name = Queues.PublishReportPageName);
            bus.AddConsumer<StepStub<UploadReportPdf>>().Endpoint(e => e.Name = Queues.UploadReportPdfName);
            bus.AddConsumer<StepStub<MarkReportIncomplete>>().Endpoint(e => e.Name = Queues.MarkReportIncompleteName);
        });
        services.Configure<TestHarnessOptions>(o =>
        {
            o.TestTimeout = TimeSpan.FromSeconds(30);
            // Longer than any spec, so the harness's message lists keep waiting for what a spec expects.
            o.TestInactivityTimeout = TimeSpan.FromSeconds(60);
        });
        harness = new StateMachineHarness(services.BuildServiceProvider(validateScopes: true));
        await harness.Test.Start();
        return harness;
    }

    public MeetingCompleted Meeting() => SampleMeetings.Retrospective(TenantId, Guid.NewGuid());

    public static Guid IdOf(MeetingCompleted meeting) => PublicationId.For(meeting.TenantId, meeting.MeetingId);

    public Task Publish<T>(T message) where T : class => Test.Bus.Publish(message);

    /// <summary>Publishes the meeting and waits for its publication to reach the state.</summary>
    public async Task<ReportPublication> Start(MeetingCompleted meeting, Func<ReportPublicationStateMachine, State> state)
    {
        await Publish(meeting);
        return await Reaches(IdOf(meeting), state);
    }

    /// <summary>Waits for the publication to be in the state (and to match <paramref name="also"/>), and returns it.</summary>
    public async Task<ReportPublication> Reaches(Guid id, Func<ReportPublicationStateMachine, State> state,
        Expression<Func<ReportPublication, bool>>? also = null)
    {
        var expected = state(Machine);
        var found = also is null
            ? await Saga.Exists(id, expected) is not null
            : await Saga.Exists(Matching(id, also), expected) is { Count: > 0 };
        var saga = Saga.Sagas.Contains(id);
        Assert.True(found, $"The publication did not reach {expected.Name}{(also is null ? "" : $" with {also.Body}")}: it is {saga?.CurrentState ?? "missing"}.");
        return saga!;
    }

    /// <summary>
    /// Waits until the saga has consumed <paramref name="times"/> messages matching <paramref name="which"/>, each without an
    /// exception: what it did to its instance is done when this returns (the commands it sends leave through the outbox just after).
    /// </summary>
    public async Task Consumed<T>(Func<T, bool> which, int times = 1) where T : class
    {
        var seen = await AsyncEnumerable.Take(Saga.Consumed.SelectAsync<T>(x => which(x.Context.Message)), times).ToListAsync();
        Assert.True(seen.Count == times, $"The saga consumed {seen.Count} of the {times} {typeof(T).Name} expected.");
        // Taken, not refused: an event the machine does not handle in its state throws, and would end in an error queue.
        Assert.All(seen, m => Assert.True(m.Exception is null, $"The saga refused the {typeof(T).Name}: {m.Exception?.Message}"));
    }

    /// <summary>Publishes a step result or request (a record compared by value) and waits until the saga has consumed it.</summary>
    public async Task Deliver<T>(T message, int times = 1) where T : class
    {
        await Publish(message);
        await Consumed<T>(m => Equals(m, message), times);
    }

    /// <summary>The commands of one type the stub steps have taken so far, without waiting.</summary>
    public IReadOnlyList<T> Received<T>(Func<T, bool> which) where T : class => Steps.Received(which);

    /// <summary>Waits until the stub steps have taken at least <paramref name="count"/> commands matching <paramref name="which"/>, and says how many they took.</summary>
    public async Task<int> ReceivedAtLeast<T>(int count, Func<T, bool> which) where T : class
    {
        var giveUpAt = DateTime.UtcNow + Test.TestTimeout;
        while (Received(which).Count < count && DateTime.UtcNow < giveUpAt)
            await Task.Delay(10);
        return Received(which).Count;
    }

    static Expression<Func<ReportPublication, bool>> Matching(Guid id, Expression<Func<ReportPublication, bool>> also) =>
        Expression.Lambda<Func<ReportPublication, bool>>(
            Expression.AndAlso(Expression.Equal(Expression.Property(also.Parameters[0], nameof(ReportPublication.CorrelationId)), Expression.Constant(id)), also.Body),
            also.Parameters);

    public async ValueTask DisposeAsync()
    {
        await Test.Stop();
        await provider.DisposeAsync();
    }
}
