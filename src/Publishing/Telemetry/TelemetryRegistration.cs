using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace TeamRetro.Confluence.Publishing.Telemetry;

public static class TelemetryRegistration
{
    /// <summary>
    /// Traces and metrics of both hosts: MassTransit's own sources, ours, HttpClient and Npgsql; OTLP when
    /// <c>Telemetry:OtlpEndpoint</c> is set. Each host adds its own instrumentation and Prometheus endpoint.
    /// </summary>
    public static OpenTelemetryBuilder AddPublicationTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.Configure<TelemetryOptions>(configuration.GetSection(TelemetryOptions.Section));

        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(tracing => tracing.AddPublicationTracing())
            .WithMetrics(metrics => metrics
                .AddMeter("MassTransit", PublicationTelemetry.Name)
                // Resolved when the provider starts, so the observable gauges exist from the first scrape.
                .AddInstrumentation(sp => sp.GetRequiredService<PublicationStateGauges>()));

        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            // OTLP over gRPC (a collector's :4317); traces and metrics only, logs stay with the host's logging.
            var endpoint = new Uri(options.OtlpEndpoint);
            otel.WithTracing(t => t.AddOtlpExporter(o => o.Endpoint = endpoint))
                .WithMetrics(m => m.AddOtlpExporter(o => o.Endpoint = endpoint));
        }

        return otel;
    }

    /// <summary>
    /// MassTransit's spans, ours, HttpClient's and Npgsql's, with exception messages stripped
    /// (<see cref="ExceptionMessageRedactor"/>). Exporters go after it.
    /// </summary>
    public static TracerProviderBuilder AddPublicationTracing(this TracerProviderBuilder tracing) => tracing
        .AddSource("MassTransit", PublicationTelemetry.Name)
        // Query strings are redacted by the instrumentation by default (page titles travel in them).
        .AddHttpClientInstrumentation()
        .AddNpgsql()
        .AddProcessor(new ExceptionMessageRedactor());

    /// <summary>The Worker service's Prometheus endpoint on <c>Telemetry:PrometheusPort</c> (off when 0).</summary>
    public static OpenTelemetryBuilder AddWorkerPrometheus(this OpenTelemetryBuilder otel, IConfiguration configuration)
    {
        var port = configuration.GetValue($"{TelemetryOptions.Section}:{nameof(TelemetryOptions.PrometheusPort)}", 0);
        return port > 0
            ? otel.WithMetrics(m => m.AddPrometheusHttpListener(o =>
            {
                o.Port = port;
                // Every interface (Prometheus scrapes from another container), not only localhost.
                o.ConfigureHttpListener = static (options, listener) =>
                {
                    listener.Prefixes.Clear();
                    listener.Prefixes.Add($"http://+:{options.Port}{options.ScrapeEndpointPath}/");
                };
            }))
            : otel;
    }
}
