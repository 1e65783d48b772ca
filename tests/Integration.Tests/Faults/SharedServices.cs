using TeamRetro.Confluence.Integration.Tests.Infrastructure;

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

    static Task<string> Run(string command, params string[] args) => Shell.Run(command, args, asRoot: true);
}
