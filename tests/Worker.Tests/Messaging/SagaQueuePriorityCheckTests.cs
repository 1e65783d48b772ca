using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Testing;
using TeamRetro.Confluence.Publishing.Messaging;

namespace TeamRetro.Confluence.Worker.Tests.Messaging;

public sealed class SagaQueuePriorityCheckTests
{
    /// <summary>
    /// Guessing would bring back the endless refusal the check exists to avoid (a queue without priorities declared with
    /// them, or the reverse), so without an answer the worker waits for the broker, as the bus does, until it is stopped.
    /// </summary>
    [Fact]
    public async Task Without_a_broker_it_waits_for_an_answer_instead_of_guessing()
    {
        var logger = new FakeLogger();
        using var stopping = new CancellationTokenSource();
        var broker = new Uri($"amqp://guest:secret-password@127.0.0.1:{UnusedPort()}/tenants");

        var check = Task.Run(() => SagaQueuePriorityCheck.UsePriorities(broker, "report-publication", configured: true, logger, stopping.Token));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (logger.Collector.Count == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        stopping.Cancel(); // the host stopping: only now may the check give up

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check);
        var record = Assert.Single(logger.Collector.GetSnapshot().Take(1));
        Assert.Contains("did not say", record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", string.Join("\n", logger.Collector.GetSnapshot().Select(r => $"{r.Message} {r.Exception}")), StringComparison.Ordinal);
    }

    static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
