namespace TeamRetro.Confluence.Integration.Tests.Infrastructure;

/// <summary>
/// A real RabbitMQ virtual host of its own per fixture, so test classes run in parallel without stealing each other's
/// messages. The broker comes from TEAMRETRO_TEST_RABBITMQ (scripts/test.sh starts it); vhosts are made with rabbitmqctl.
/// </summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    public static readonly Uri BrokerUrl = new(Environment.GetEnvironmentVariable("TEAMRETRO_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5672/");

    public string VirtualHost { get; } = "teamretro-test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The broker URL pointing at this fixture's virtual host.</summary>
    public Uri Url => new UriBuilder(BrokerUrl) { Path = "/" + VirtualHost }.Uri;

    public async Task InitializeAsync()
    {
        await RabbitMqCtl("add_vhost", VirtualHost);
        await RabbitMqCtl("set_permissions", "-p", VirtualHost, Uri.UnescapeDataString(BrokerUrl.UserInfo.Split(':')[0]), ".*", ".*", ".*");
    }

    public async Task DisposeAsync() => await RabbitMqCtl("delete_vhost", VirtualHost);

    /// <summary>Messages per queue of this virtual host, ready and unacknowledged alike (an error queue that is not empty lost something).</summary>
    public Task<Dictionary<string, int>> QueueDepths() => ListQueues("messages");

    /// <summary>Messages delivered to a consumer and not yet acknowledged, per queue.</summary>
    public Task<Dictionary<string, int>> Unacknowledged() => ListQueues("messages_unacknowledged");

    /// <summary>
    /// Queue depths once every working queue is empty (or 30 seconds have passed): a copy on its way to _error is
    /// unacknowledged until it is there, so an error queue is judged only then.
    /// </summary>
    public async Task<Dictionary<string, int>> QueueDepthsOnceDrained()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Dictionary<string, int> depths;
        while ((depths = await QueueDepths()).Any(q => q.Value > 0 && !q.Key.EndsWith("_error", StringComparison.Ordinal)
            && !q.Key.EndsWith("_skipped", StringComparison.Ordinal))
            && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        return depths;
    }

    /// <summary>The arguments <paramref name="queue"/> was declared with, as rabbitmqctl prints them ("[]" for none).</summary>
    public async Task<string> QueueArguments(string queue)
    {
        var output = await RabbitMqCtl("list_queues", "-p", VirtualHost, "--quiet", "--no-table-headers", "name", "arguments");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Single(parts => parts[0] == queue)[1];
    }

    /// <summary>Consumers attached to each queue of this virtual host.</summary>
    public Task<Dictionary<string, int>> QueueConsumers() => ListQueues("consumers");

    async Task<Dictionary<string, int>> ListQueues(string column)
    {
        var output = await RabbitMqCtl("list_queues", "-p", VirtualHost, "--quiet", "--no-table-headers", "name", column);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2 && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out _))
            .ToDictionary(parts => parts[0], parts => int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    static Task<string> RabbitMqCtl(params string[] args) => Shell.Run("rabbitmqctl", args);
}
