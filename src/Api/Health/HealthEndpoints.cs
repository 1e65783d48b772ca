using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TeamRetro.Confluence.Publishing.Persistence;

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
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteChecks })
            .AllowAnonymous();
    }

    /// <summary>Each check's name and status (no exception text: the endpoint is anonymous), so an operator sees which part is down.</summary>
    static Task WriteChecks(HttpContext http, HealthReport report) =>
        http.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        });
}
