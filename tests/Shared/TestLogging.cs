using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace TeamRetro.Confluence.Tests.Shared;

/// <summary>
/// MassTransit keeps its log context in a static: once a test host disposes its LoggerFactory, the next bus started in
/// the same process fails with ObjectDisposedException. Every test host therefore shares one factory that is never
/// disposed (registered as an instance, so no container owns it).
/// </summary>
public static class TestLogging
{
    static readonly ILoggerFactory Shared = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning));

    public static IServiceCollection AddSharedTestLogging(this IServiceCollection services)
    {
        services.AddLogging();
        services.Replace(ServiceDescriptor.Singleton(Shared));
        return services;
    }
}
