using System.Diagnostics;

namespace TeamRetro.Confluence.Integration.Tests.Faults;

/// <summary>Stops and starts the machine's RabbitMQ and PostgreSQL (root, or sudo) for outage scenarios.</summary>
public static class SharedServices
{
    public static Task StopRabbitMq() => Run("rabbitmqctl", "stop_app");

    public static async Task StartRabbitMq()
    {
        await Run("rabbitmqctl", "start_app");
        await Run("rabbitmqctl", "await_startup");
    }

    public static async Task StopPostgres() => await Run("pg_ctlcluster", [.. await PostgresCluster(), "stop", "--mode", "fast"]);

    public static async Task StartPostgres() => await Run("pg_ctlcluster", [.. await PostgresCluster(), "start"]);

    /// <summary>The first cluster pg_lsclusters lists: version and name, as scripts/test.sh picks it.</summary>
    static async Task<string[]> PostgresCluster()
    {
        var line = (await Run("pg_lsclusters", "-h")).Split('\n', StringSplitOptions.RemoveEmptyEntries)[0];
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..2];
    }

    static async Task<string> Run(string command, params string[] args)
    {
        var root = Environment.UserName == "root";
        var start = new ProcessStartInfo(root ? command : "sudo") { RedirectStandardOutput = true, RedirectStandardError = true };
        if (!root)
            start.ArgumentList.Add(command);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} could not be started");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed: {await stderr}");
        return stdout;
    }
}
