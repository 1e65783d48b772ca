using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TeamRetro.Confluence.Publishing.Telemetry;

namespace TeamRetro.Confluence.LoadDriver;

/// <summary>
/// Telemetry "on" for a run: everything <see cref="TelemetryRegistration.AddPublicationTelemetry"/> instruments, through
/// the batch processor and a periodic metric reader as with OTLP, into exporters that drop what they get. So a run
/// measures the instrumentation, not a collector or the network.
/// </summary>
public static class DiscardingTelemetry
{
    static long spans;

    /// <summary>Spans exported so far by every run in this process: proof that "on" instruments.</summary>
    public static long Spans => Interlocked.Read(ref spans);

    public static void Add(IServiceCollection services, IConfiguration configuration) =>
        services.AddPublicationTelemetry(configuration, "teamretro-load-driver")
            .WithTracing(t => t.AddProcessor(new BatchActivityExportProcessor(new Discard<Activity>(count => Interlocked.Add(ref spans, count)))))
            // Every 5 s, as often as the state gauges query (PublicationStateGauges.CacheFor); Prometheus scrapes every 15 s.
            .WithMetrics(m => m.AddReader(new PeriodicExportingMetricReader(new Discard<Metric>(_ => { }), exportIntervalMilliseconds: 5000)));

    sealed class Discard<T>(Action<long> exported) : BaseExporter<T>
        where T : class
    {
        public override ExportResult Export(in Batch<T> batch)
        {
            exported(batch.Count);
            return ExportResult.Success;
        }
    }
}
