using System.Globalization;
using TeamRetro.Confluence.LoadDriver;

// End-to-end load (docs/performance.md):
//   dotnet run -c Release --project tests/LoadDriver -- [meetings=200] [repeats=3] [in-flight=1000] [--telemetry off|on|compare]
// Needs RabbitMQ and PostgreSQL as scripts/test.sh starts them (TEAMRETRO_TEST_RABBITMQ / TEAMRETRO_TEST_POSTGRES).
// --telemetry on: every run with telemetry exported to nowhere (DiscardingTelemetry); compare: only the telemetry
// comparison, off and on in `repeats` interleaved pairs on the durable stack at 0 ms (TelemetryComparison).
var switchAt = Array.IndexOf(args, "--telemetry");
var telemetry = switchAt >= 0 && switchAt + 1 < args.Length ? args[switchAt + 1] : "off";
if (switchAt >= 0)
    args = [.. args[..switchAt], .. args[Math.Min(args.Length, switchAt + 2)..]];
if (telemetry is not ("off" or "on" or "compare"))
    throw new ArgumentException($"--telemetry is off, on or compare, not '{telemetry}'");

var meetings = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var inFlight = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
var rabbitMq = Environment.GetEnvironmentVariable("TEAMRETRO_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/";
var postgres = Environment.GetEnvironmentVariable("TEAMRETRO_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

if (telemetry == "compare")
{
    var comparisons = new List<(Stack, List<TelemetryComparison.Pair>)>();
    // Durable only: the InMemory stack stalls since the steps read their saga's row from the database (none there).
    foreach (var stack in new[] { Stack.Durable })
        comparisons.Add((stack, await TelemetryComparison.Measure(stack, meetings, repeats, rabbitMq, postgres)));
    Console.WriteLine(TelemetryComparison.Table(comparisons));
    return;
}

var results = new List<RunResult>();
foreach (var latency in new[] { 0, 50 })
{
    for (var r = 0; r < repeats; r++)
    {
        // Interleaved, so the machine's noise falls on both stacks alike.
        foreach (var stack in new[] { Stack.Durable, Stack.InMemory })
        {
            var result = await LoadRun.Measure(stack, TimeSpan.FromMilliseconds(latency), meetings, rabbitMq, postgres, telemetry == "on");
            results.Add(result);
            Console.Error.WriteLine(result);
        }
    }
}

Console.WriteLine(LoadReport.Table(results));
var memory = await LoadRun.Measure(Stack.Durable, TimeSpan.FromMilliseconds(50), inFlight, rabbitMq, postgres, telemetry == "on");
Console.WriteLine(LoadReport.Memory(memory));
