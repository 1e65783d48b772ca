using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Integration.Tests.Infrastructure;

/// <summary>
/// Everything real: the Worker on RabbitMQ (own virtual host) and PostgreSQL (own database), calling the Confluence
/// emulator over loopback. One per test, so tests run in parallel and never see each other's pages or messages.
/// </summary>
public sealed class Pipeline : IAsyncDisposable
{
    public const string SpaceKey = "TEAM";
    public const string User = "publisher";
    public const string Password = "integration-Passw0rd";

    readonly PostgresFixture postgres;
    readonly RabbitMqFixture rabbit;
    readonly string keys;

    Pipeline(PostgresFixture postgres, RabbitMqFixture rabbit, ConfluenceEmulator emulator, ConfluenceTarget target, string keys, InProcessWorker worker)
    {
        this.postgres = postgres;
        this.rabbit = rabbit;
        this.keys = keys;
        Emulator = emulator;
        Target = target;
        Worker = worker;
    }

    public ConfluenceEmulator Emulator { get; }
    public ConfluenceTarget Target { get; }
    public InProcessWorker Worker { get; private set; }
    public Guid TenantId { get; } = Guid.NewGuid();
    public RabbitMqFixture Rabbit => rabbit;
    public Uri RabbitMqUrl => rabbit.Url;
    public IDictionary<string, string?> Settings
    {
        get
        {
            var settings = InProcessWorker.Settings(postgres.ConnectionString, rabbit.Url, keys);
            ConfluenceTarget.PointAtlassianAt(settings, Emulator);
            return settings;
        }
    }

    /// <param name="target">Which product and authentication the tenant uses (Data Center with basic auth by default).</param>
    public static async Task<Pipeline> StartAsync(ConfluenceTarget? target = null)
    {
        target ??= ConfluenceTarget.DataCenterBasic;
        var postgres = new PostgresFixture();
        var rabbit = new RabbitMqFixture();
        await Task.WhenAll(postgres.InitializeAsync(), rabbit.InitializeAsync());
        var emulator = await ConfluenceEmulator.StartAsync(target.Emulator(User, Password, SpaceKey));
        var keys = Directory.CreateTempSubdirectory("teamretro-keys-").FullName;
        var settings = InProcessWorker.Settings(postgres.ConnectionString, rabbit.Url, keys);
        ConfluenceTarget.PointAtlassianAt(settings, emulator);
        var worker = await InProcessWorker.StartAsync(settings);
        var pipeline = new Pipeline(postgres, rabbit, emulator, target, keys, worker);
        await target.Configure(worker.Services, pipeline.TenantId, emulator, User, Password, SpaceKey);
        return pipeline;
    }

    /// <summary>Stops the worker (in-flight messages stay in RabbitMQ, saga rows in PostgreSQL) and starts a new one.</summary>
    public async Task RestartWorker()
    {
        await Worker.DisposeAsync();
        Worker = await InProcessWorker.StartAsync(Settings);
    }

    public Task Publish(MeetingCompleted meeting) => Worker.Bus.Publish(meeting);

    public Task<ReportPublication> WaitForState(MeetingCompleted meeting, string state, TimeSpan? timeout = null) =>
        PublicationStore.WaitFor(Worker.Services, PublicationId.For(meeting.TenantId, meeting.MeetingId), p => p.CurrentState == state, state, timeout);

    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();
        await Emulator.DisposeAsync();
        await Task.WhenAll(postgres.DisposeAsync(), rabbit.DisposeAsync());
        try { Directory.Delete(keys, recursive: true); } catch (IOException) { }
    }
}
