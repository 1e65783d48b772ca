using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Publishing.Telemetry;

/// <summary>
/// Observable gauges over the saga table: publications by state and how long the least recently moved unfinished one
/// has stood still. One query per <see cref="CacheFor"/> serves every instrument and every scrape in between.
/// </summary>
public sealed class PublicationStateGauges
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    static readonly IReadOnlyList<string> FinalStates = PublicationStates.Settled;

    readonly IServiceScopeFactory scopes;
    readonly TimeProvider clock;
    readonly ILogger<PublicationStateGauges> logger;
    readonly Lock gate = new();
    Snapshot? last;

    public PublicationStateGauges(IMeterFactory meters, IServiceScopeFactory scopes, TimeProvider clock, ILogger<PublicationStateGauges> logger)
    {
        this.scopes = scopes;
        this.clock = clock;
        this.logger = logger;
        // The factory owns (and disposes) the meter; one per container, so each host reads its own database.
        var meter = meters.Create(PublicationTelemetry.Name);
        meter.CreateObservableGauge("teamretro.publications", () => Read().ByState, "{publication}",
            "Publications (saga instances) by current state");
        meter.CreateObservableGauge("teamretro.publications.oldest_unfinished.age", () => Read().OldestUnfinishedAge, "s",
            "Seconds since the least recently moved publication that is not Published, Failed or Cancelled last moved (0 when none)");
    }

    sealed record Snapshot(DateTimeOffset TakenAt, Measurement<long>[] ByState, Measurement<double>[] OldestUnfinishedAge);

    Snapshot Read()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (last is null || now - last.TakenAt >= CacheFor)
                last = Query(now);
            return last;
        }
    }

    Snapshot Query(DateTimeOffset now)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
            var counts = db.Publications.AsNoTracking().GroupBy(p => p.CurrentState)
                .Select(g => new { State = g.Key, Count = g.Count() }).ToList();
            var oldest = db.Publications.AsNoTracking().Where(p => !FinalStates.Contains(p.CurrentState))
                .OrderBy(p => p.UpdatedAt).Select(p => (DateTimeOffset?)p.UpdatedAt).FirstOrDefault();
            return new Snapshot(now,
                [.. counts.Select(c => new Measurement<long>(c.Count, new KeyValuePair<string, object?>("state", c.State)))],
                [new Measurement<double>(oldest is { } o ? Math.Max(0, (now - o).TotalSeconds) : 0)]);
        }
        catch (Exception ex)
        {
            // A scrape during a database outage reports nothing rather than failing the whole scrape.
            logger.LogWarning(ex, "Reading publication counts for the metrics failed");
            return new Snapshot(now, [], []);
        }
    }
}
