using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TeamRetro.Confluence.Worker.Persistence;

namespace TeamRetro.Confluence.Api.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddPublicationHealthChecks(this IServiceCollection services)
    {
        // MassTransit registers its own "masstransit-bus" check (tagged "ready") with AddMassTransit.
        services.AddHealthChecks().AddDbContextCheck<PublicationDbContext>("database", tags: ["ready"]);
        return services;
    }

    public static void MapPublicationHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
    }
}
