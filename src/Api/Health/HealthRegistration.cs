using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Api.Health;

public static class HealthRegistration
{
    public static IServiceCollection AddPublicationHealthChecks(this IServiceCollection services)
    {
        // MassTransit registers its own "masstransit-bus" check (tagged "ready") with AddMassTransit.
        services.AddHealthChecks().AddDbContextCheck<PublicationDbContext>("database", tags: ["ready"]);
        return services;
    }
}
