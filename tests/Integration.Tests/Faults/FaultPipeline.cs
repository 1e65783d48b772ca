using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TeamRetro.Confluence.Api.Demo;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Integration.Tests.Infrastructure;
using TeamRetro.Confluence.Publishing;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Integration.Tests.Faults;

/// <summary>
/// Real PostgreSQL, RabbitMQ and emulator, workers as OS processes, and an in-process publisher (the retro service's
/// side: publishes events, reads saga rows). Ends every scenario with the same verdict: each meeting published exactly once.
/// </summary>
public sealed class FaultPipeline : IAsyncDisposable
{
    public const string SpaceKey = "TEAM";
    const string User = "publisher";
    const string Password = "fault-suite-Passw0rd";

    readonly PostgresFixture postgres = new();
    readonly string keys = Directory.CreateTempSubdirectory("teamretro-fault-keys-").FullName;
    IHost publisher = null!;

    FaultPipeline(ConfluenceEmulator emulator) => Emulator = emulator;

    public ConfluenceTarget Target { get; private init; } = ConfluenceTarget.DataCenterBasic;

    public ConfluenceEmulator Emulator { get; }
    public RabbitMqFixture Rabbit { get; } = new();
    public List<WorkerOsProcess> Workers { get; } = [];
    readonly List<InProcessWorker> inProcessWorkers = [];
    public Guid TenantId { get; } = Guid.NewGuid();
    public IServiceProvider Services => publisher.Services;

    /// <summary>A scenario's own settings for the workers it starts (compressed waiting time, say).</summary>
    public Dictionary<string, string?> ExtraWorkerSettings { get; } = [];

    /// <summary>A sweeper that redrives after 20 s, so a crash between saving a saga and sending its command heals within a test.</summary>
    public IDictionary<string, string?> WorkerSettings
    {
        get
        {
            var settings = InProcessWorker.Settings(postgres.ConnectionString, Rabbit.Url, keys);
            settings["Publication:Sweeper:Interval"] = "00:00:02";
            settings["Publication:Sweeper:StuckAfter"] = "00:00:20";
            // Waiting on Confluence a hundred times faster (10 s is 0.1 s, an hour 36 s), so unlucky publications in the
            // fault scenarios settle within a test; the waiting scenarios compress further.
            settings["Publication:Waiting:TimeScale"] = "0.01";
            settings["Publication:Waiting:DispatchInterval"] = "00:00:00.200";
            // The probe's lease is real time (a call's length, not scaled): 60 s in production, 5 s here, where calls take a
            // second at most, so a probe lost with a killed worker frees its site within a scenario.
            settings["Publication:Waiting:ProbeLease"] = "00:00:05";
            settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning"; // the log tail a failure shows is the worker's own
            ConfluenceTarget.PointAtlassianAt(settings, Emulator);
            foreach (var (key, value) in ExtraWorkerSettings)
                settings[key] = value;
            return settings;
        }
    }

    /// <param name="target">Which product and authentication the tenant uses (Data Center with basic auth by default).</param>
    public static async Task<FaultPipeline> StartAsync(EmulatorOptions? emulator = null, ConfluenceTarget? target = null)
    {
        target ??= ConfluenceTarget.DataCenterBasic;
        var confluence = await ConfluenceEmulator.StartAsync(target.Emulator(User, Password, SpaceKey, emulator));
        var pipeline = new FaultPipeline(confluence) { Target = target };
        await Task.WhenAll(pipeline.postgres.InitializeAsync(), pipeline.Rabbit.InitializeAsync());

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(pipeline.WorkerSettings);
        builder.Services.AddSharedTestLogging();
        builder.Services.AddPublicationPublisher(builder.Configuration);
        pipeline.publisher = builder.Build();
        await pipeline.publisher.StartAsync(); // migrates the database
        await target.Configure(pipeline.Services, pipeline.TenantId, confluence, User, Password, SpaceKey);
        return pipeline;
    }

    public async Task<WorkerOsProcess> StartWorker()
    {
        var worker = await WorkerOsProcess.StartAsync(WorkerSettings);
        Workers.Add(worker);
        return worker;
    }

    /// <summary>A worker inside the test process, for scenarios that change its message pipeline.</summary>
    public async Task StartInProcessWorker(Action<IServiceCollection> configure) =>
        inProcessWorkers.Add(await InProcessWorker.StartAsync(WorkerSettings, configure));

    public List<MeetingCompleted> Meetings(int count) =>
        Enumerable.Range(0, count).Select(i => i % 4 == 0 ? DemoMeetings.HealthCheck(TenantId) : DemoMeetings.Retrospective(TenantId)).ToList();

    public Task Publish(IEnumerable<MeetingCompleted> meetings) =>
        Task.WhenAll(meetings.Select(m => publisher.Services.GetRequiredService<IBus>().Publish(m)));

    public async Task<List<ReportPublication>> WaitUntil(IReadOnlyCollection<MeetingCompleted> meetings, string state, TimeSpan timeout)
    {
        var ids = meetings.Select(Id).ToHashSet();
        List<ReportPublication> last = [];
        try
        {
            return await Poll(rows => (last = rows.Where(p => ids.Contains(p.CorrelationId)).ToList()).Where(p => p.CurrentState == state).ToList(),
                rows => rows.Count == ids.Count, timeout, $"{state} for all {ids.Count}");
        }
        catch (TimeoutException e)
        {
            var states = string.Join(", ", last.GroupBy(p => $"{p.CurrentState}/{p.CurrentStep}").Select(g => $"{g.Key}: {g.Count()}"));
            var errors = string.Join(" | ", last.Where(p => p.LastError is not null).Select(p => p.LastError).Distinct().Take(3));
            var behind = string.Join("\n", last.Where(p => p.CurrentState != state).Take(3).Select(p =>
                $"{p.CorrelationId} {p.CurrentState}/{p.CurrentStep} waits {p.WaitAttempts} next {p.NextAttemptAt:O} on {p.WaitingOnSite} ({p.WaitReason}); now {DateTimeOffset.UtcNow:O}; history {p.History?[Math.Max(0, (p.History?.Length ?? 0) - 1500)..]}"));
            errors = $"{errors}. Behind:\n{behind}";
            var log = Workers.Count > 0 ? Workers[^1].Log : "";
            throw new TimeoutException($"{e.Message} Rows: {last.Count}; {states}. Errors: {errors}. Last worker log tail:\n{log[Math.Max(0, log.Length - 4000)..]}", e);
        }
    }

    /// <summary>Polls until at least <paramref name="count"/> of the meetings are published: the moment to break something.</summary>
    public Task WaitForPublished(IReadOnlyCollection<MeetingCompleted> meetings, int count, TimeSpan timeout) =>
        WaitForCount(meetings, "Published", count, timeout);

    /// <summary>Polls until at least <paramref name="count"/> of the meetings are in <paramref name="state"/>.</summary>
    public Task<int> WaitForCount(IReadOnlyCollection<MeetingCompleted> meetings, string state, int count, TimeSpan timeout)
    {
        var ids = meetings.Select(Id).ToHashSet();
        return Poll(rows => rows.Count(p => ids.Contains(p.CorrelationId) && p.CurrentState == state), n => n >= count, timeout,
            $"{state} for {count}");
    }

    /// <summary>
    /// Reads the saga rows until the condition holds. The test's own reads ride out the outages it causes: a
    /// connection PostgreSQL dropped while it restarted is a reason to read again, not a verdict.
    /// </summary>
    async Task<T> Poll<T>(Func<List<ReportPublication>, T> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                var value = read(await PublicationStore.All(Services));
                if (done(value))
                    return value;
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException { InnerException: Npgsql.NpgsqlException })
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The publications did not become {what} within {timeout}.");
            await Task.Delay(50);
        }
    }

    /// <summary>The suite's verdict: one parent per kind, one page and one current PDF per meeting, nothing in an error queue.</summary>
    public async Task AssertEachPublishedExactlyOnce(IReadOnlyCollection<MeetingCompleted> meetings, TimeSpan timeout)
    {
        var published = await WaitUntil(meetings, "Published", timeout);
        var pages = Emulator.State.Pages;

        Assert.Single(pages, p => p.Title == "Retrospectives");
        Assert.Single(pages, p => p.Title == "Health Checks");
        var reports = pages.Where(p => p.ParentId is not null).ToList();
        Assert.Equal(meetings.Count, reports.Count);
        Assert.Equal(meetings.Count, published.Select(p => p.PageId).Distinct().Count());
        Assert.All(published, p => Assert.Contains(reports, r => r.Id == p.PageId));
        Assert.All(reports, r => Assert.Single(Emulator.State.AttachmentsOf(r.Id)));
        var depths = await Rabbit.QueueDepths();
        Assert.All(depths.Where(q => q.Key.EndsWith("_error", StringComparison.Ordinal)), q => Assert.Equal(0, q.Value));
    }

    static Guid Id(MeetingCompleted m) => PublicationId.For(m.TenantId, m.MeetingId);

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in Workers)
            await worker.DisposeAsync();
        foreach (var worker in inProcessWorkers)
            await worker.DisposeAsync();
        await publisher.StopAsync();
        publisher.Dispose();
        await Emulator.DisposeAsync();
        await Task.WhenAll(postgres.DisposeAsync(), Rabbit.DisposeAsync());
        try { Directory.Delete(keys, recursive: true); } catch (IOException) { }
    }
}
