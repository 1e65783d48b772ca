using System.Globalization;
using TeamRetro.Confluence.LoadDriver;

// End-to-end load (docs/performance.md):
//   dotnet run -c Release --project tests/LoadDriver -- [meetings=200] [repeats=3] [in-flight=1000] [--telemetry off|on|compare]
//       [--stacks Durable,InMemory] [--latencies 0,50] [--warm-up 1] [--latency-under-load on|off]
//       [--prioritise on|off]
// Needs RabbitMQ and PostgreSQL as scripts/test.sh starts them (TEAMRETRO_TEST_RABBITMQ / TEAMRETRO_TEST_POSTGRES).
// --telemetry on: every run with telemetry exported to nowhere (DiscardingTelemetry); compare: only the telemetry
// comparison, off and on in `repeats` interleaved pairs on the durable stack at 0 ms (TelemetryComparison).
// --warm-up: uncounted runs of each stack first (the first run in a process pays the JIT). in-flight 0 skips the memory run.
// --prioritise: the saga's queue as a RabbitMQ priority queue (Messaging:PrioritiseInFlight; on by default, as in the hosts).
// --latency-under-load: after the table, 1000 meetings at once and a 40 s stream at 80 % of the durable 0 ms throughput.
var options = CommandLine.Parse(args);
var telemetry = options.Get("telemetry", "off");
if (telemetry is not ("off" or "on" or "compare"))
    throw new ArgumentException($"--telemetry is off, on or compare, not '{telemetry}'");

var meetings = options.Positional(0, 200);
var repeats = options.Positional(1, 3);
var inFlight = options.Positional(2, 1000);
var stacks = options.Get("stacks", "Durable,InMemory").Split(',').Select(Enum.Parse<Stack>).ToArray();
var latencies = options.Get("latencies", "0,50").Split(',').Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToArray();
LoadRun.ExtraSettings["Messaging:PrioritiseInFlight"] = (options.Get("prioritise", "on") == "on").ToString();
var warmUps = int.Parse(options.Get("warm-up", "1"), CultureInfo.InvariantCulture);
var rabbitMq = Environment.GetEnvironmentVariable("TEAMRETRO_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/";
var postgres = Environment.GetEnvironmentVariable("TEAMRETRO_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

if (telemetry == "compare")
{
    var comparisons = new List<(Stack, List<TelemetryComparison.Pair>)>();
    foreach (var stack in new[] { Stack.Durable })
        comparisons.Add((stack, await TelemetryComparison.Measure(stack, meetings, repeats, rabbitMq, postgres)));
    Console.WriteLine(TelemetryComparison.Table(comparisons));
    return;
}

for (var w = 0; w < warmUps; w++)
    foreach (var stack in stacks)
        Console.Error.WriteLine($"warm-up: {await LoadRun.Measure(stack, TimeSpan.Zero, meetings, rabbitMq, postgres, telemetry == "on")}");

var results = new List<RunResult>();
foreach (var latency in latencies)
{
    for (var r = 0; r < repeats; r++)
    {
        // Interleaved, so the machine's noise falls on both stacks alike.
        foreach (var stack in stacks)
        {
            var result = await LoadRun.Measure(stack, TimeSpan.FromMilliseconds(latency), meetings, rabbitMq, postgres, telemetry == "on");
            results.Add(result);
            Console.Error.WriteLine(result);
        }
    }
}

Console.WriteLine(LoadReport.Table(results));
Console.WriteLine(LoadReport.WhereTheTimeGoes(results));

// Latency under load, durable at 0 ms: the bursts above and below, and a steady stream at 80 % of the burst's throughput.
var under = new List<(string, RunResult)>();
var durableBursts = results.Where(r => r.Stack == Stack.Durable && r.LatencyMs == 0).OrderBy(r => r.PerSecond).ToList();
if (options.Get("latency-under-load", "on") == "on" && durableBursts.Count > 0)
{
    under.Add(($"{meetings} at once (the run of median throughput)", durableBursts[durableBursts.Count / 2]));
    var burst = await LoadRun.Measure(Stack.Durable, TimeSpan.Zero, 1000, rabbitMq, postgres, telemetry == "on");
    Console.Error.WriteLine(burst);
    under.Add(("1000 at once", burst));
    var capacity = LoadReport.Median(durableBursts.Select(r => r.PerSecond));
    var rate = 0.8 * capacity;
    var stream = await LoadRun.Measure(Stack.Durable, TimeSpan.Zero, (int)(rate * 40), rabbitMq, postgres, telemetry == "on", perSecond: rate);
    Console.Error.WriteLine(stream);
    under.Add(($"stream at {rate:0.0}/s (80 % of {capacity:0.0}/s) for 40 s", stream));
    Console.WriteLine(LoadReport.LatencyUnderLoad(under));
}
if (inFlight > 0)
{
    var memory = await LoadRun.Measure(Stack.Durable, TimeSpan.FromMilliseconds(50), inFlight, rabbitMq, postgres, telemetry == "on");
    Console.WriteLine(LoadReport.Memory(memory));
}
