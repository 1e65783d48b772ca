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

    /// <summary>Per report, medians over the repeats: CPU per process family, and what the worker did.</summary>
    public static string WhereTheTimeGoes(IReadOnlyList<RunResult> results)
    {
        var work = results.SelectMany(r => r.WorkPerReport.Keys).Distinct().Order().ToList();
        var text = new StringBuilder();
        text.AppendLine("| stack | Confluence latency | CPU ms/report: worker | emulator | RabbitMQ | PostgreSQL | " + string.Join(" | ", work) + " |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |" + string.Concat(work.Select(_ => " ---: |")));
        foreach (var group in results.GroupBy(r => (r.LatencyMs, r.Stack)))
        {
            var runs = group.ToList();
            string Cpu(Func<ProcessCpu, double> of) => Median(runs.Select(r => of(r.CpuPerReport) * 1000)).ToString("0.0", CultureInfo.InvariantCulture);
            var counts = work.Select(w => Median(runs.Select(r => r.WorkPerReport.GetValueOrDefault(w))).ToString("0.00", CultureInfo.InvariantCulture));
            text.AppendLine(Invariant($"| {group.Key.Stack} | {group.Key.LatencyMs} ms | {Cpu(c => c.Worker)} | {Cpu(c => c.Emulator)} | {Cpu(c => c.RabbitMq)} | {Cpu(c => c.Postgres)} | ") + string.Join(" | ", counts) + " |");
        }

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

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
