using System.Globalization;

namespace TeamRetro.Confluence.LoadDriver;

/// <summary>
/// CPU seconds (user + system) per process family, read from /proc: the worker (this process: the driver's own share is
/// publishing the meetings and counting the answers), the emulator, RabbitMQ (beam.smp and its helpers) and PostgreSQL
/// (every postgres process, plus what exited children left in the postmaster's cumulative counters).
/// </summary>
public sealed record ProcessCpu(double Worker, double Emulator, double RabbitMq, double Postgres)
{
    static readonly double TicksPerSecond = 100; // USER_HZ: 100 on Linux for every architecture we run on

    public static ProcessCpu Now(int emulatorPid)
    {
        double worker = 0, emulator = 0, rabbit = 0, postgres = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Read(pid) is not { } stat)
                continue;
            var own = stat.User + stat.System;
            if (pid == Environment.ProcessId)
                worker += own;
            else if (pid == emulatorPid)
                emulator += own;
            else if (stat.Name is "beam.smp" or "erl_child_setup" or "inet_gethost" or "epmd")
                rabbit += own;
            else if (stat.Name == "postgres")
                postgres += own + (stat.ParentName == "postgres" ? 0 : stat.ChildUser + stat.ChildSystem);
        }

        return new ProcessCpu(worker, emulator, rabbit, postgres);
    }

    public ProcessCpu Since(ProcessCpu start) =>
        new(Worker - start.Worker, Emulator - start.Emulator, RabbitMq - start.RabbitMq, Postgres - start.Postgres);

    public ProcessCpu Per(int reports) => new(Worker / reports, Emulator / reports, RabbitMq / reports, Postgres / reports);

    sealed record Stat(string Name, string ParentName, double User, double System, double ChildUser, double ChildSystem);

    static Stat? Read(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The name is in parentheses and may hold spaces: the fields after it start past the last ')'.
            var name = text[(text.IndexOf('(') + 1)..text.LastIndexOf(')')];
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            double Seconds(int field) => long.Parse(fields[field - 3], CultureInfo.InvariantCulture) / TicksPerSecond;
            return new Stat(name, NameOf(parent), Seconds(14), Seconds(15), Seconds(16), Seconds(17));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null; // exited while we looked
        }
    }

    static string NameOf(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.IndexOf('(') + 1)..text.LastIndexOf(')')];
        }
        catch (IOException)
        {
            return "";
        }
    }
}
