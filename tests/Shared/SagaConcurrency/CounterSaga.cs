using MassTransit;
using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Tests.Shared.SagaConcurrency;

/// <summary>A saga whose only job is to count: any lost update shows as a count below the number of messages.</summary>
public sealed class CounterState : SagaStateMachineInstance, ISagaVersion
{
    public Guid CorrelationId { get; set; }
    public int Version { get; set; }
    public string CurrentState { get; set; } = "";
    public int Count { get; set; }
}

public sealed record Increment(Guid CounterId);

public sealed class CounterStateMachine : MassTransitStateMachine<CounterState>
{
    public State Counting { get; private set; } = null!;
    public Event<Increment> Incremented { get; private set; } = null!;

    public CounterStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Incremented, e => e.CorrelateById(c => c.Message.CounterId));
        Initially(When(Incremented).Then(c => c.Saga.Count++).TransitionTo(Counting));
        During(Counting, When(Incremented).Then(c => c.Saga.Count++));
    }
}

/// <summary>The product's model plus the counter, on whichever provider the options name.</summary>
public sealed class CounterDbContext(DbContextOptions<CounterDbContext> options) : PublicationDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<CounterState>(e =>
        {
            e.ToTable("counters");
            e.HasKey(c => c.CorrelationId);
            e.Property(c => c.Version).IsConcurrencyToken();
            e.Property(c => c.CurrentState).HasMaxLength(64);
        });
    }
}
