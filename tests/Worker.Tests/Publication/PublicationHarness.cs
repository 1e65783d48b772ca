using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Messaging;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Tests.Shared;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>
/// The real saga, step consumers, SQLite persistence and Confluence client on MassTransit's test harness, against the
/// project's Confluence emulator on a real loopback port. Each instance is isolated (own database, keys, emulator).
/// </summary>
public sealed class PublicationHarness : IAsyncDisposable
{
    public const string SpaceKey = "TEAM";
    public const string User = "publisher";
    public const string Password = "s3cret-Passw0rd";

    readonly ServiceProvider provider;
    readonly string directory;

    PublicationHarness(ServiceProvider provider, ConfluenceEmulator emulator, string directory, IConfiguration configuration)
    {
        Configuration = configuration;
        this.provider = provider;
        Emulator = emulator;
        this.directory = directory;
    }

    public ConfluenceEmulator Emulator { get; }
    public IConfiguration Configuration { get; }
    public ITestHarness Bus => provider.GetRequiredService<ITestHarness>();
    public IServiceProvider Services => provider;
    public string DatabaseFile => Path.Combine(directory, "publications.db");
    public Guid TenantId { get; } = Guid.NewGuid();
    public WaitingPublicationDispatcher Dispatcher => provider.GetRequiredService<WaitingPublicationDispatcher>();

    /// <param name="settings">Configuration to add or override (for example an egress proxy).</param>
    /// <param name="emulator">How the emulated Confluence behaves (its users and space are always the harness's).</param>
    public static async Task<PublicationHarness> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, EmulatorOptions? emulator = null)
    {
        var confluence = await ConfluenceEmulator.StartAsync((emulator ?? new EmulatorOptions()) with
        {
            Users = [new EmulatorUser(User, Password)],
            SpaceKeys = [SpaceKey],
        });
        var directory = Directory.CreateTempSubdirectory("teamretro-saga-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Publications"] = $"Data Source={Path.Combine(directory, "publications.db")}",
            ["DataProtection:KeysPath"] = Path.Combine(directory, "keys"),
            ["Publication:StepRetry:Attempts"] = "3",
            ["Publication:StepRetry:MinInterval"] = "00:00:00.010",
            ["Publication:StepRetry:MaxInterval"] = "00:00:00.100",
            ["Publication:StepRetry:IntervalDelta"] = "00:00:00.010",
            ["Confluence:MaxRetries"] = "2",
            ["Confluence:AllowHttp"] = "true",               // the emulator listens on http://127.0.0.1
            ["Confluence:AllowPrivateNetworks"] = "true",
            ["Confluence:RetryBaseDelay"] = "00:00:00.010",
            ["Confluence:MaxRetryDelay"] = "00:00:00.100",
            // Waiting publications: an hour passes in 3.6 s; the dispatcher looks every 50 ms.
            ["Publication:Waiting:TimeScale"] = "0.001",
            ["Publication:Waiting:DispatchInterval"] = "00:00:00.050",
            ["Publication:Waiting:ProbeLease"] = "00:00:01",
            ["Atlassian:AuthBaseUrl"] = confluence.BaseUrl.AbsoluteUri,   // the emulator plays auth.atlassian.com
            ["Atlassian:ApiBaseUrl"] = confluence.BaseUrl.AbsoluteUri,    // and api.atlassian.com
            ["Atlassian:ClientId"] = "test-client",
            ["Atlassian:ClientSecret"] = "test-client-secret",
            ["Atlassian:RedirectUri"] = "https://teamretro.example/integrations/confluence/callback",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();

        var services = new ServiceCollection();
        services.AddSharedTestLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddPublicationServices(configuration);
        services.AddMassTransitTestHarness(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            bus.AddPublicationComponents();
            bus.UsingInMemory((context, cfg) =>
            {
                cfg.UseWireFormatJson();
                cfg.ConfigureEndpoints(context);
            });
        });
        services.Configure<TestHarnessOptions>(o =>
        {
            o.TestTimeout = TimeSpan.FromMinutes(2);
            o.TestInactivityTimeout = TimeSpan.FromSeconds(10); // a loaded CI machine can be quiet for a few seconds
        });
        services.AddSingleton<WaitingPublicationDispatcher>(); // as the worker runs it: waiting publications resume by themselves
        var provider = services.BuildServiceProvider(validateScopes: true);

        await provider.MigratePublicationDatabaseAsync();
        var harness = new PublicationHarness(provider, confluence, directory, configuration);
        await harness.ConfigureIntegration(harness.TenantId);
        await harness.Bus.Start();
        await harness.Dispatcher.StartAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Server basic auth on a Data Center emulator, an API token (basic) on a Cloud one.</summary>
    public Task ConfigureIntegration(Guid tenantId, Action<ConfluenceIntegration>? change = null) =>
        PublicationStore.ConfigureIntegration(provider, tenantId, Emulator.SiteUrl, User, Password, SpaceKey, change,
            Emulator.Options.Product == EmulatedProduct.Cloud ? ConfluenceAuthKind.CloudApiToken : ConfluenceAuthKind.ServerBasic);

    /// <summary>Another worker process's services over the same database and key ring (no bus): for cross-process races.</summary>
    public ServiceProvider SecondWorkerServices()
    {
        var services = new ServiceCollection();
        services.AddSharedTestLogging();
        services.AddSingleton(Configuration);
        services.AddPublicationServices(Configuration);
        return services.BuildServiceProvider();
    }

    public Task Publish(MeetingCompleted meeting) => Bus.Bus.Publish(meeting);

    public Task Replay(Guid publicationId) => Bus.Bus.Publish(new ReplayPublication(publicationId));

    public Task<ReportPublication?> Find(Guid publicationId) => PublicationStore.Find(provider, publicationId);

    public Task<ReportPublication> WaitFor(Guid publicationId, Func<ReportPublication, bool> condition, string what, TimeSpan? timeout = null) =>
        PublicationStore.WaitFor(provider, publicationId, condition, what, timeout);

    public Task<ReportPublication> WaitForState(Guid publicationId, string state, TimeSpan? timeout = null) =>
        WaitFor(publicationId, p => p.CurrentState == state, state, timeout);

    public async ValueTask DisposeAsync()
    {
        await Dispatcher.StopAsync(CancellationToken.None);
        await Bus.Stop();
        await provider.DisposeAsync();
        await Emulator.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
