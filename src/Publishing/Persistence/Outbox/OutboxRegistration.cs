using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TeamRetro.Confluence.Publishing.Persistence.Outbox;

public static class OutboxRegistration
{
    /// <summary>
    /// Delivery of the saga's outbox: after the commit, by the relay, cleaned up in batches; once however often called.
    /// The saga writes to it only where <see cref="PublicationOutbox"/> is registered (the database saga repository).
    /// </summary>
    public static IServiceCollection AddOutboxDelivery(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(OutboxRelay)))
            return services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OutboxRelay>();
        services.AddSingleton<DeliveredOutboxCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveredOutboxCleanup>());
        return services;
    }
}
