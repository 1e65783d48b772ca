using TeamRetro.Confluence.Publishing;
using TeamRetro.Confluence.Publishing.Telemetry;

namespace TeamRetro.Confluence.Worker;

/// <summary>The Worker service: the saga and the step consumers on the configured transport and database.</summary>
public static class WorkerProgram
{
    public static void Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddPublicationWorker(builder.Configuration);
        builder.Services.AddPublicationTelemetry(builder.Configuration, "teamretro-confluence-worker")
            .AddWorkerPrometheus(builder.Configuration);          // Telemetry:PrometheusPort
        builder.Build().Run();
    }
}
