using System.Collections.Concurrent;
using MassTransit;
using RabbitMQ.Client;

namespace TeamRetro.Confluence.Integration.Tests.Faults;

/// <summary>
/// Test-only: after any endpoint consumes a message, a copy of the very same bytes is delivered to that queue again, a
/// random moment later (0-500 ms), so every message type (events, commands, results, faults) arrives twice and often
/// after newer messages. Copies carry a header and are not copied again.
/// </summary>
public sealed class DuplicateDelivery(Uri rabbitMq) : IConfigureReceiveEndpoint, IAsyncDisposable
{
    const string CopyHeader = "x-test-copy";
    readonly ConcurrentBag<Task> copies = [];
    readonly SemaphoreSlim publishing = new(1, 1);
    readonly Random random = new(7);
    IConnection? connection;
    IChannel? channel;

    public int Copies => copies.Count;

    public void Configure(string name, IReceiveEndpointConfigurator configurator) =>
        configurator.UseFilter(new CopyFilter(this, name));

    /// <summary>Waits for every copy scheduled so far to be in RabbitMQ.</summary>
    public Task Drained() => Task.WhenAll(copies.ToArray());

    void Schedule(string queue, byte[] body, string? contentType)
    {
        int delay;
        lock (random) delay = random.Next(0, 500);
        copies.Add(Task.Run(async () =>
        {
            await Task.Delay(delay); // a late copy: out of order on purpose
            await publishing.WaitAsync();
            try
            {
                connection ??= await new ConnectionFactory { Uri = rabbitMq }.CreateConnectionAsync();
                channel ??= await connection.CreateChannelAsync();
                var properties = new BasicProperties
                {
                    ContentType = contentType,
                    Persistent = true,
                    Headers = new Dictionary<string, object?> { [CopyHeader] = "1" },
                };
                // MassTransit binds an exchange named like each queue to it.
                await channel.BasicPublishAsync(queue, "", mandatory: false, properties, body);
            }
            finally
            {
                publishing.Release();
            }
        }));
    }

    public async ValueTask DisposeAsync()
    {
        if (channel is not null)
            await channel.DisposeAsync();
        if (connection is not null)
            await connection.DisposeAsync();
        publishing.Dispose();
    }

    sealed class CopyFilter(DuplicateDelivery owner, string queue) : IFilter<ConsumeContext>
    {
        public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
        {
            await next.Send(context);
            if (!context.ReceiveContext.TransportHeaders.TryGetHeader(CopyHeader, out _))
                owner.Schedule(queue, context.ReceiveContext.Body.GetBytes(), context.ReceiveContext.ContentType?.MediaType);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("duplicate-delivery");
    }
}
