namespace TeamRetro.Confluence.Publishing.Telemetry;

/// <summary>The <c>Telemetry</c> section: where traces and metrics go. Nothing here is secret.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>OTLP/gRPC endpoint (e.g. http://collector:4317) for traces and metrics; empty: no OTLP export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The Api serves <c>/metrics</c> for Prometheus.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>The Worker service serves Prometheus metrics on <c>http://*:{port}/metrics</c>; 0: off.</summary>
    public int PrometheusPort { get; set; }
}
