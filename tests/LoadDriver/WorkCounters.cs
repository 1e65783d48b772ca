using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TeamRetro.Confluence.LoadDriver;

/// <summary>
/// What the worker did during a run, counted in process: database commands (EF Core's CommandExecuted diagnostic: every
/// query, save and ExecuteUpdate), and every counter of MassTransit's and our meters (messages received and consumed,
/// consume retries and faults, saga conflicts).
/// </summary>
public sealed class WorkCounters : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    const string CommandExecuted = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted";
    readonly ConcurrentDictionary<string, long> counts = new();
    readonly ConcurrentDictionary<string, long> commandShapes = new();
    readonly MeterListener meters = new();
    readonly List<IDisposable> subscriptions = [];
    long databaseCommands;

    public WorkCounters()
    {
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name is "MassTransit" or Publishing.Telemetry.PublicationTelemetry.Name && instrument is Counter<long>)
                listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) => counts.AddOrUpdate(instrument.Name, value, (_, n) => n + value));
        meters.Start();
        subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    /// <summary>Database commands by their first words and table: where the round trips go.</summary>
    public IReadOnlyDictionary<string, long> CommandShapes => commandShapes;

    static string Shape(string sql)
    {
        var words = System.Text.RegularExpressions.Regex.Replace(sql, @"\s+", " ").Trim();
        var table = System.Text.RegularExpressions.Regex.Match(words, "(FROM|INTO|UPDATE) \"?([a-z_]+)");
        var statements = words.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim().Split(' ')[0]);
        return $"{string.Join("+", statements)} {table.Groups[2].Value}";
    }

    public long DatabaseCommands => Interlocked.Read(ref databaseCommands);

    public long Count(string instrument) => counts.GetValueOrDefault(instrument);

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(counts) { ["database.commands"] = DatabaseCommands };

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Microsoft.EntityFrameworkCore")
            lock (subscriptions)
                subscriptions.Add(listener.Subscribe(this, (name, _, _) => name == CommandExecuted));
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != CommandExecuted)
            return;
        Interlocked.Increment(ref databaseCommands);
        if (value.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData executed)
            commandShapes.AddOrUpdate(Shape(executed.Command.CommandText), 1, (_, n) => n + 1);
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        meters.Dispose();
        lock (subscriptions)
            subscriptions.ForEach(s => s.Dispose());
    }
}
