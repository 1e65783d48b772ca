using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using TeamRetro.Confluence.Api.Demo;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.LoadDriver;

public enum Stack
{
    /// <summary>What production runs: RabbitMQ transport, saga rows in PostgreSQL.</summary>
    Durable,
    /// <summary>The ceiling: MassTransit's in-memory transport and saga repository (integrations still in SQLite).</summary>
    InMemory,
}

public sealed record RunResult(Stack Stack, int LatencyMs, int Meetings, double PerSecond, double P50Ms, double P95Ms, double CallsPerReport,
    long PeakManagedBytes, long PeakWorkingSetBytes, ProcessCpu CpuPerReport, IReadOnlyDictionary<string, double> WorkPerReport);

/// <summary>
/// One measured run: a fresh worker host (in this process) and a fresh emulator process; every meeting published at once;
/// the clock stops at each meeting's ReportPublished, which the saga publishes after the PDF is uploaded.
/// </summary>
public static class LoadRun
{
    /// <summary>Worker settings every run adds (the command line's <c>--prioritise</c>).</summary>
    public static Dictionary<string, string?> ExtraSettings { get; } = [];

    /// <param name="perSecond">0: every meeting published at once; otherwise a steady stream at this rate.</param>
    public static async Task<RunResult> Measure(Stack stack, TimeSpan latency, int meetings, string rabbitMq, string postgres, bool telemetry = false,
        double perSecond = 0)
    {
        await using var emulator = await EmulatorProcess.StartAsync(latency);
        var work = Directory.CreateTempSubdirectory("teamretro-load-").FullName;
        var vhost = "teamretro-load-" + Guid.NewGuid().ToString("N")[..8];
        var database = "teamretro_load_" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:KeysPath"] = Path.Combine(work, "keys"),
            ["Confluence:AllowHttp"] = "true",
            ["Confluence:AllowPrivateNetworks"] = "true",
            ["Publication:Sweeper:Enabled"] = "false",
        };
        if (stack == Stack.Durable)
        {
            await RabbitMqCtl("add_vhost", vhost);
            await RabbitMqCtl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
            await Sql(postgres, $"CREATE DATABASE \"{database}\"");
            settings["Messaging:Transport"] = "RabbitMq";
            settings["Messaging:RabbitMqUrl"] = $"{rabbitMq.TrimEnd('/')}/{vhost}";
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Publications"] = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
        }
        else
        {
            settings["Messaging:Transport"] = "InMemory";
            settings["Messaging:SagaRepository"] = "InMemory";
            settings["Database:Provider"] = "Sqlite";
            settings["ConnectionStrings:Publications"] = $"Data Source={Path.Combine(work, "database", "load.db")}"; // beside, not around, the key ring
        }

        foreach (var (key, value) in ExtraSettings)
            settings[key] = value;
        var counter = new CallCounter();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPublicationWorker(builder.Configuration);
        if (telemetry)
            DiscardingTelemetry.Add(builder.Services, builder.Configuration);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(counter.Handler));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var tenant = Guid.NewGuid();
            await ConfigureIntegration(host.Services, tenant, emulator.BaseUrl);
            return await Drive(host.Services, stack, latency, tenant, meetings, counter, emulator.ProcessId, perSecond);
        }
        finally
        {
            await host.StopAsync();
            if (stack == Stack.Durable)
            {
                NpgsqlConnection.ClearAllPools();
                await Sql(postgres, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
                await RabbitMqCtl("delete_vhost", vhost);
            }

            Directory.Delete(work, recursive: true);
        }
    }

    static async Task<RunResult> Drive(IServiceProvider services, Stack stack, TimeSpan latency, Guid tenant, int count, CallCounter counter, int emulatorPid,
        double perSecond)
    {
        var bus = services.GetRequiredService<IBus>();
        var started = new ConcurrentDictionary<Guid, long>();
        var latencies = new ConcurrentBag<double>();
        var done = new TaskCompletionSource();
        var endpoint = bus.ConnectReceiveEndpoint("load-driver-" + Guid.NewGuid().ToString("N")[..8], e =>
            e.Handler<ReportPublished>(context =>
            {
                if (started.TryGetValue(context.Message.PublicationId, out var at))
                {
                    latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                    if (latencies.Count == count)
                        done.TrySetResult();
                }

                return Task.CompletedTask;
            }));
        await endpoint.Ready;

        // Each meeting its own team, as in real use: identical titles would measure title disambiguation, not publishing.
        var meetings = Enumerable.Range(0, count)
            .Select(i => (i % 4 == 0 ? DemoMeetings.HealthCheck(tenant) : DemoMeetings.Retrospective(tenant)) with { Team = $"Team {i:0000}" })
            .ToList();
        GC.Collect();
        var baseline = counter.Calls;
        Task Start(MeetingCompleted m)
        {
            started[PublicationId.For(m.TenantId, m.MeetingId)] = Stopwatch.GetTimestamp();
            return bus.Publish(m);
        }

        using var sampler = new MemorySampler();
        using var work = new WorkCounters();
        var cpu = ProcessCpu.Now(emulatorPid);
        var clock = Stopwatch.StartNew();
        if (perSecond > 0)
        {
            // A steady stream: meeting i goes out at i / perSecond seconds from the start (a load generator's pacing).
            for (var i = 0; i < meetings.Count; i++)
            {
                var due = TimeSpan.FromSeconds(i / perSecond) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                    await Task.Delay(due);
                await Start(meetings[i]);
            }
        }
        else
        {
            await Task.WhenAll(meetings.Select(Start));
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(10));
        var elapsed = clock.Elapsed;
        var cpuPerReport = ProcessCpu.Now(emulatorPid).Since(cpu).Per(count);
        var workPerReport = work.Snapshot().ToDictionary(w => w.Key, w => w.Value / (double)count);
        await endpoint.StopAsync();

        Console.Error.WriteLine("counters per report: " + string.Join(", ", workPerReport.OrderBy(w => w.Key).Select(w => $"{w.Key}: {w.Value:0.00}")));
        Console.Error.WriteLine("database commands: " + string.Join(", ", work.CommandShapes.OrderByDescending(e => e.Value).Select(e => $"{e.Key}: {e.Value}")));
        Console.Error.WriteLine(string.Join(", ", counter.ByEndpoint.OrderByDescending(e => e.Value).Select(e => $"{e.Key}: {e.Value}")));
        var sorted = latencies.Order().ToArray();
        return new RunResult(stack, (int)latency.TotalMilliseconds, count, count / elapsed.TotalSeconds,
            sorted[(int)(sorted.Length * 0.50)], sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.95))],
            (counter.Calls - baseline) / (double)count, sampler.PeakManaged, sampler.PeakWorkingSet, cpuPerReport, workPerReport);
    }

    static async Task ConfigureIntegration(IServiceProvider services, Guid tenant, Uri baseUrl)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        db.Integrations.Add(new ConfluenceIntegration
        {
            TenantId = tenant, AuthKind = ConfluenceAuthKind.ServerBasic, BaseUrl = baseUrl.AbsoluteUri, Username = EmulatorProcess.User,
            EncryptedSecret = scope.ServiceProvider.GetRequiredService<SecretProtector>().Protect(EmulatorProcess.Password),
            SpaceKey = "TEAM", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    static async Task Sql(string server, string command)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var sql = new NpgsqlCommand(command, connection);
        await sql.ExecuteNonQueryAsync();
    }

    static async Task RabbitMqCtl(params string[] args)
    {
        var start = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} failed: {await process.StandardError.ReadToEndAsync()}");
    }
}
