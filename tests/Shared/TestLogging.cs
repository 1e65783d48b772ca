using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace TeamRetro.Confluence.Tests.Shared;

/// <summary>
/// MassTransit keeps its log context in a static: once a test host disposes its LoggerFactory, the next bus started in
/// the same process fails with ObjectDisposedException. Every test host therefore shares one factory that is never
/// disposed (registered as an instance, so no container owns it). It also records every log entry, so tests can
/// prove secrets never reach a log.
/// </summary>
public static class TestLogging
{
    static readonly FakeLoggerProvider Recorder = new();
    static readonly ILoggerFactory Shared = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(Recorder));

    /// <summary>Every entry logged by any test host in this process so far: message, state and exception.</summary>
    public static IReadOnlyList<string> Entries() =>
        Recorder.Collector.GetSnapshot().Select(r => $"{r.Level} {r.Category}: {r.Message} {r.Exception}").ToList();

    public static IServiceCollection AddSharedTestLogging(this IServiceCollection services)
    {
        services.AddLogging();
        services.Replace(ServiceDescriptor.Singleton(Shared));
        return services;
    }
}
