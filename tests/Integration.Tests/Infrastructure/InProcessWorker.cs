using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TeamRetro.Confluence.Publishing;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Integration.Tests.Infrastructure;

/// <summary>
/// The Worker as production runs it (generic host, RabbitMQ transport, PostgreSQL persistence), started and stopped
/// in-process so a test can restart it mid-flight.
/// </summary>
public sealed class InProcessWorker : IAsyncDisposable
{
    readonly IHost host;

    InProcessWorker(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public static Dictionary<string, string?> Settings(string postgres, Uri rabbitMq, string keysPath) => new()
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Publications"] = postgres,
        ["Messaging:Transport"] = "RabbitMq",
        ["Messaging:RabbitMqUrl"] = rabbitMq.AbsoluteUri,
        ["DataProtection:KeysPath"] = keysPath,
        ["Publication:StepRetry:Attempts"] = "5",
        ["Publication:StepRetry:MinInterval"] = "00:00:00.020",
        ["Publication:StepRetry:MaxInterval"] = "00:00:00.500",
        ["Publication:StepRetry:IntervalDelta"] = "00:00:00.050",
        ["Confluence:RetryBaseDelay"] = "00:00:00.020",
        ["Confluence:AllowHttp"] = "true",
        ["Confluence:AllowPrivateNetworks"] = "true",
        ["Confluence:MaxRetryDelay"] = "00:00:00.200",
    };

    public static async Task<InProcessWorker> StartAsync(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSharedTestLogging();
        builder.Services.AddPublicationWorker(builder.Configuration);
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessWorker(host);
    }

    public IPublishEndpoint Bus => host.Services.GetRequiredService<IPublishEndpoint>();

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
