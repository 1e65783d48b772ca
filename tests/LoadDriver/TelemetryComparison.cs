using System.Globalization;
using System.Text;

namespace TeamRetro.Confluence.LoadDriver;

/// <summary>
/// Throughput with telemetry off and on (<see cref="DiscardingTelemetry"/>), in pairs run back to back so the shared
/// machine's noise falls on both; the order alternates within pairs, and the first pair (JIT warm-up) is not counted.
/// </summary>
public static class TelemetryComparison
{
    public sealed record Pair(RunResult Off, RunResult On)
    {
        public double Ratio => On.PerSecond / Off.PerSecond;
    }

    public static async Task<List<Pair>> Measure(Stack stack, int meetings, int pairs, string rabbitMq, string postgres)
    {
        var measured = new List<Pair>();
        for (var i = 0; i <= pairs; i++)
        {
            var onFirst = i % 2 == 1;
            var spansBefore = DiscardingTelemetry.Spans;
            var first = await LoadRun.Measure(stack, TimeSpan.Zero, meetings, rabbitMq, postgres, telemetry: onFirst);
            var second = await LoadRun.Measure(stack, TimeSpan.Zero, meetings, rabbitMq, postgres, telemetry: !onFirst);
            var pair = onFirst ? new Pair(second, first) : new Pair(first, second);
            Console.Error.WriteLine(Invariant($"{(i == 0 ? "warm-up " : "")}{stack} off {pair.Off.PerSecond:0.0}/s, on {pair.On.PerSecond:0.0}/s, on/off {pair.Ratio:0.00}; spans exported {DiscardingTelemetry.Spans - spansBefore}"));
            if (i > 0)
                measured.Add(pair);
        }

        return measured;
    }

    public static string Table(IEnumerable<(Stack Stack, List<Pair> Pairs)> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| stack | meetings | pairs | off: publications/s | on: publications/s | on/off (per pair) | off: p95 | on: p95 |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (stack, pairs) in results)
        {
            text.AppendLine(Invariant($"| {stack} | {pairs[0].Off.Meetings} | {pairs.Count} | {Spread(pairs.Select(p => p.Off.PerSecond), "0.0")} | {Spread(pairs.Select(p => p.On.PerSecond), "0.0")} | {Spread(pairs.Select(p => p.Ratio), "0.00")} | {Spread(pairs.Select(p => p.Off.P95Ms), "0")} ms | {Spread(pairs.Select(p => p.On.P95Ms), "0")} ms |"));
        }

        return text.ToString();
    }

    static string Spread(IEnumerable<double> values, string format)
    {
        var sorted = values.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        return $"{median.ToString(format, CultureInfo.InvariantCulture)} ({sorted[0].ToString(format, CultureInfo.InvariantCulture)}–{sorted[^1].ToString(format, CultureInfo.InvariantCulture)})";
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
