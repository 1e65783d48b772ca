using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Persistence.SagaRepository;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Publishing.Telemetry;
using Xunit;

namespace TeamRetro.Confluence.Tests.Shared.SagaConcurrency;

/// <summary>The saga repository's concurrency promises, run on each provider by the test projects.</summary>
public static class SagaConcurrencyScenarios
{
    /// <summary>Many messages for one saga at once: every one is applied exactly once (losers are retried on fresh state).</summary>
    /// <param name="expectConflicts">
    /// Whether the run must show retried conflicts. Microsoft.Data.Sqlite's "async" calls run synchronously, so on SQLite
    /// messages rarely interleave; the stale-writer scenario proves the refusal there.
    /// </param>
    public static async Task Concurrent_messages_never_lose_an_update(Action<DbContextOptionsBuilder> provider, bool expectConflicts, int messages = 40)
    {
        var attempts = 0;
        // Process-wide: other tests' conflicts may add to it, never take away.
        using var conflicts = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(null, PublicationTelemetry.Name, "teamretro.saga.conflicts");
        await using var services = CounterServices(provider, () => Interlocked.Increment(ref attempts));
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        try
        {
            var id = Guid.NewGuid();
            await Task.WhenAll(Enumerable.Range(0, messages).Select(_ => harness.Bus.Publish(new Increment(id))));

            var counter = await WaitForCount(services, id, messages);

            Assert.Equal(messages, counter.Count);
            Assert.Equal(messages, counter.Version); // one version per applied message, none skipped
            Assert.True(!expectConflicts || attempts > messages, $"Expected some messages to lose a race and be retried; {attempts} attempts for {messages} messages.");
            // Every retried attempt lost a race: an update to a changed row, or an insert of a row another message created.
            var counted = conflicts.GetMeasurementSnapshot().Sum(m => m.Value);
            Assert.True(counted >= attempts - messages, $"{attempts - messages} retried attempts, {counted} conflicts counted");
        }
        finally
        {
            await harness.Stop();
        }
    }

    /// <summary>Two contexts update the same saga row: the first save wins, the second is refused, not silently applied.</summary>
    public static async Task Second_writer_of_a_stale_row_is_refused(Func<PublicationDbContext> newContext)
    {
        var id = Guid.NewGuid();
        await using (var db = newContext())
        {
            db.Publications.Add(new ReportPublication { CorrelationId = id, Version = 1, CurrentState = "ResolvingSpace", MeetingJson = "{}" });
            await db.SaveChangesAsync();
        }

        await using var first = newContext();
        await using var second = newContext();
        var a = await first.Publications.SingleAsync(p => p.CorrelationId == id);
        var b = await second.Publications.SingleAsync(p => p.CorrelationId == id);

        a.CurrentState = "EnsuringParentPage";
        a.Version++;
        await first.SaveChangesAsync();

        b.CurrentState = "Failed";
        b.Version++;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = newContext();
        var stored = await check.Publications.AsNoTracking().SingleAsync(p => p.CorrelationId == id);
        Assert.Equal("EnsuringParentPage", stored.CurrentState);
        Assert.Equal(2, stored.Version);
    }

    static ServiceProvider CounterServices(Action<DbContextOptionsBuilder> provider, Action onAttempt)
    {
        var services = new ServiceCollection();
        services.AddSharedTestLogging();
        services.AddDbContext<CounterDbContext>(provider);
        services.AddScoped<PublicationDbContext>(sp => sp.GetRequiredService<CounterDbContext>());
        services.AddMassTransitTestHarness(bus =>
        {
            bus.AddSagaStateMachine<CounterStateMachine, CounterState>().UseEfCoreRepository(bus);
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                endpoint.ConcurrentMessageLimit = 16; // enough in flight at once that saves collide
                endpoint.UseMessageRetry(r => r.Intervals(Enumerable.Repeat(5, 100).ToArray()));
                endpoint.UseInMemoryOutbox(context);
                endpoint.UseFilter(new CountingFilter(onAttempt));
            });
        });
        var provider_ = services.BuildServiceProvider();
        using var scope = provider_.CreateScope();
        scope.ServiceProvider.GetRequiredService<CounterDbContext>().Database.EnsureCreated();
        return provider_;
    }

    static async Task<CounterState> WaitForCount(IServiceProvider services, Guid id, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        CounterState? last = null;
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = services.CreateAsyncScope();
            last = await scope.ServiceProvider.GetRequiredService<CounterDbContext>().Set<CounterState>().AsNoTracking()
                .SingleOrDefaultAsync(c => c.CorrelationId == id);
            if (last?.Count >= expected)
                return last;
            await Task.Delay(25);
        }

        throw new TimeoutException($"The counter reached {last?.Count ?? 0} of {expected}.");
    }

    /// <summary>Counts every attempt at a message, retries included (it sits inside the retry filter).</summary>
    sealed class CountingFilter(Action onAttempt) : IFilter<ConsumeContext>
    {
        public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
        {
            onAttempt();
            return next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("counting");
    }
}
