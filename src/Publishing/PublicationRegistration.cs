using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Messaging;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Persistence.Outbox;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Publishing.Rendering;
using TeamRetro.Confluence.Publishing.Steps;

namespace TeamRetro.Confluence.Publishing;

public static class PublicationRegistration
{
    /// <summary>Everything but messaging: persistence, secrets, the Confluence client and rendering.</summary>
    public static IServiceCollection AddPublicationServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        // Migrations must run before the bus starts consuming, so persistence is registered first.
        services.AddPublicationPersistence(configuration);
        services.AddSecretProtection(configuration);
        services.AddScoped<ConfluenceSiteResolver>();
        services.AddSingleton<ISiteBackoffStore, EfSiteBackoffStore>(); // before AddConfluence, whose default pauses nothing
        services.AddScoped<RetryWaitingPublications>();
        services.AddConfluence(configuration);
        services.AddSingleton<ReportPageRenderer>();
        services.Configure<PdfRenderOptions>(configuration.GetSection(PdfRenderOptions.Section));
        services.AddSingleton<ReportPdfRenderer>();
        services.AddSingleton<TenantTemplateValidator>();
        services.Configure<Persistence.Outbox.OutboxOptions>(configuration.GetSection(Persistence.Outbox.OutboxOptions.Section));
        services.AddRetrySchedules(configuration);
        // The steps' heartbeat follows the sweeper's StuckAfter (StepLease).
        services.Configure<SweeperOptions>(configuration.GetSection(SweeperOptions.Section));
        services.AddSingleton<StepLease>();
        services.AddMetrics();
        services.AddSingleton<Telemetry.PublicationStateGauges>(); // exported by AddPublicationTelemetry
        return services;
    }

    /// <summary>The whole worker: services plus the saga and step consumers on the configured transport.</summary>
    public static IServiceCollection AddPublicationWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPublicationServices(configuration);
        services.AddSingleton<StuckPublicationSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<StuckPublicationSweeper>());
        services.AddOutboxDelivery();
        services.AddHostedService(sp => sp.GetRequiredService<Persistence.Outbox.OutboxRelay>());
        services.AddSingleton<WaitingPublicationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WaitingPublicationDispatcher>());
        services.Configure<Retention.RetentionOptions>(configuration.GetSection(Retention.RetentionOptions.Section));
        services.AddSingleton<Retention.SnapshotRetentionPurge>();
        services.AddHostedService(sp => sp.GetRequiredService<Retention.SnapshotRetentionPurge>());
        return services.AddPublicationMessaging(configuration, hostWorker: true);
    }

    /// <summary>A host that only publishes and reads (the Api beside a separate Worker service).</summary>
    public static IServiceCollection AddPublicationPublisher(this IServiceCollection services, IConfiguration configuration) =>
        services.AddPublicationServices(configuration).AddPublicationMessaging(configuration, hostWorker: false);
}
