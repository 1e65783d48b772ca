using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TeamRetro.Confluence.Publishing.Telemetry;

namespace TeamRetro.Confluence.Api.Telemetry;

public static class ApiTelemetry
{
    /// <summary>The worker's telemetry (in-process or not: the Api publishes and reads the saga table either way) plus ASP.NET Core's.</summary>
    public static void AddApiTelemetry(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddPublicationTelemetry(builder.Configuration, "teamretro-confluence-api")
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = http => !IsScrape(http)))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation());
        if (PrometheusEnabled(builder.Configuration))
            otel.WithMetrics(m => m.AddPrometheusExporter());
    }

    /// <summary><c>/metrics</c> for Prometheus. Anonymous: it carries no tenant, title or secret (docs/observability.md).</summary>
    public static void MapApiTelemetry(this WebApplication app)
    {
        if (PrometheusEnabled(app.Configuration))
            app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
    }

    static bool PrometheusEnabled(IConfiguration configuration) =>
        (configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions()).Prometheus;

    static bool IsScrape(HttpContext http) => http.Request.Path.StartsWithSegments("/metrics");
}
