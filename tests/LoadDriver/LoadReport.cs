using System.Globalization;
using System.Text;

namespace TeamRetro.Confluence.LoadDriver;

/// <summary>Medians with min–max over the repeats, and the durable stack's throughput as a share of the in-memory ceiling.</summary>
public static class LoadReport
{
    public static string Table(IReadOnlyList<RunResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| stack | Confluence latency | meetings | publications/s | p50 event→PDF | p95 event→PDF | Confluence calls/report |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in results.GroupBy(r => (r.LatencyMs, r.Stack)))
        {
            var runs = group.ToList();
            var (perSecond, p50, p95, calls) = (Spread(runs, r => r.PerSecond, "0.0"), Spread(runs, r => r.P50Ms, "0"), Spread(runs, r => r.P95Ms, "0"),
                Spread(runs, r => r.CallsPerReport, "0.00"));
            text.AppendLine(Invariant($"| {group.Key.Stack} | {group.Key.LatencyMs} ms | {runs[0].Meetings} | {perSecond} | {p50} ms | {p95} ms | {calls} |"));
        }

        text.AppendLine();
        foreach (var latency in results.Select(r => r.LatencyMs).Distinct())
        {
            var durable = results.Where(r => r.LatencyMs == latency && r.Stack == Stack.Durable).Select(r => r.PerSecond).ToList();
            var ceiling = results.Where(r => r.LatencyMs == latency && r.Stack == Stack.InMemory).Select(r => r.PerSecond).ToList();
            if (durable.Count == 0 || ceiling.Count == 0)
                continue;
            text.AppendLine(Invariant($"At {latency} ms: RabbitMQ + PostgreSQL reach {Median(durable) / Median(ceiling):P0} of the in-memory ceiling's throughput."));
        }

        return text.ToString();
    }

    /// <summary>What the worker did, by counter, and the heading it gets (absent counters are zero).</summary>
    static readonly (string Counter, string Heading)[] Work =
    [
        ("database.commands", "database round trips"),
        ("teamretro.saga.conflicts", "saga conflicts"),
    ];

    /// <summary>
    /// Per report, medians over the repeats: CPU per process family, and what the worker did. Messages are not here:
    /// MassTransit's meter counts only for the first bus a process starts (its instruments end with that bus), so the
    /// driver prints them to stderr for the first run alone (10 received and 10 sent per report on the durable stack).
    /// </summary>
    public static string WhereTheTimeGoes(IReadOnlyList<RunResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| stack | Confluence latency | CPU ms/report: worker | emulator | RabbitMQ | PostgreSQL | all | " + string.Join(" | ", Work.Select(w => w.Heading)) + " |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |" + string.Concat(Work.Select(_ => " ---: |")));
        foreach (var group in results.GroupBy(r => (r.LatencyMs, r.Stack)))
        {
            var runs = group.ToList();
            string Cpu(Func<ProcessCpu, double> of) => Median(runs.Select(r => of(r.CpuPerReport) * 1000)).ToString("0.0", CultureInfo.InvariantCulture);
            var counts = Work.Select(w => Median(runs.Select(r => r.WorkPerReport.GetValueOrDefault(w.Counter))).ToString("0.00", CultureInfo.InvariantCulture));
            text.AppendLine(Invariant($"| {group.Key.Stack} | {group.Key.LatencyMs} ms | {Cpu(c => c.Worker)} | {Cpu(c => c.Emulator)} | {Cpu(c => c.RabbitMq)} | {Cpu(c => c.Postgres)} | {Cpu(c => c.Worker + c.Emulator + c.RabbitMq + c.Postgres)} | ") + string.Join(" | ", counts) + " |");
        }

        return text.ToString();
    }

    public static string LatencyUnderLoad(IReadOnlyList<(string Load, RunResult Run)> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| load (Durable, 0 ms) | meetings | publications/s | p50 event→PDF | p95 event→PDF |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (load, run) in rows)
            text.AppendLine(Invariant($"| {load} | {run.Meetings} | {run.PerSecond:0.0} | {run.P50Ms:0} ms | {run.P95Ms:0} ms |"));
        return text.ToString();
    }

    public static string Memory(RunResult run) => Invariant(
        $"{run.Meetings} publications in flight (Durable, {run.LatencyMs} ms): peak managed heap {run.PeakManagedBytes / 1048576.0:0} MiB, peak working set {run.PeakWorkingSetBytes / 1048576.0:0} MiB; {run.PerSecond:0.0} publications/s, p95 {run.P95Ms:0} ms.");

    static string Spread(List<RunResult> runs, Func<RunResult, double> value, string format)
    {
        var values = runs.Select(value).ToList();
        return values.Count == 1
            ? values[0].ToString(format, CultureInfo.InvariantCulture)
            : Invariant($"{Median(values).ToString(format, CultureInfo.InvariantCulture)} ({values.Min().ToString(format, CultureInfo.InvariantCulture)}–{values.Max().ToString(format, CultureInfo.InvariantCulture)})");
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
