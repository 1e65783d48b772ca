using System.Text;
using RabbitMQ.Client;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Integration.Tests.Infrastructure;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Integration.Tests.Messaging;

/// <summary>The retro service may not be .NET: what docs/wire-format.md promises, sent with RabbitMQ.Client alone.</summary>
public sealed class PlainAmqpPublishingTests : IAsyncLifetime
{
    const string Exchange = "TeamRetro.Confluence.Contracts:MeetingCompleted";
    Pipeline pipeline = null!;

    public async Task InitializeAsync() => pipeline = await Pipeline.StartAsync();

    public async Task DisposeAsync() => await pipeline.DisposeAsync();

    string MeetingJson(Guid meetingId, string kind) => $$"""
        {
          "tenantId": "{{pipeline.TenantId}}",
          "meetingId": "{{meetingId}}",
          "kind": {{kind}},
          "title": "Sprint 42",
          "team": "Polyglot Team",
          "startedAt": "2026-11-28T09:00:00+00:00",
          "endedAt": "2026-11-28T09:55:00+00:00",
          "facilitator": "Ana Lima",
          "participants": ["Ana Lima", "Chen Wei"],
          "columns": [ { "name": "Went well", "cards": [ { "text": "Sent from Python", "votes": 3 } ] } ],
          "actionItems": [ { "text": "Keep it up", "owner": "Chen Wei", "dueDate": "2026-12-05", "done": false } ]
        }
        """;

    [Fact]
    public async Task Raw_json_published_by_a_plain_amqp_client_becomes_a_page()
    {
        var meetingId = Guid.NewGuid();
        await PublishAsync(MeetingJson(meetingId, "\"Retrospective\""), "application/json");

        var saga = await PublicationStore.WaitFor(pipeline.Worker.Services, PublicationId.For(pipeline.TenantId, meetingId),
            p => p.CurrentState == "Published", "Published");

        var page = Assert.Single(pipeline.Emulator.State.Pages, p => p.Id == saga.PageId);
        Assert.Contains("Sent from Python", page.Body, StringComparison.Ordinal);
        await AssertEveryErrorQueueEmpty();
    }

    /// <summary>Security review 12: raw JSON bound to every message type the saga consumes, so each one also left a copy in _error.</summary>
    [Fact]
    public async Task Raw_json_is_a_MeetingCompleted_only_and_leaves_nothing_in_an_error_queue()
    {
        var meetingIds = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        foreach (var meetingId in meetingIds)
            await PublishAsync(MeetingJson(meetingId, "\"Retrospective\""), "application/json");

        await PublicationStore.WaitForAll(pipeline.Worker.Services, meetingIds.Select(m => PublicationId.For(pipeline.TenantId, m)).ToList(),
            p => p.CurrentState == "Published", "Published", TimeSpan.FromSeconds(90));

        await AssertEveryErrorQueueEmpty();
    }

    /// <summary>Security review 13: a JavaScript publisher that cut an emoji in half sends a lone surrogate; the meeting must not be lost.</summary>
    [Theory]
    [InlineData("application/json")]
    [InlineData("application/vnd.masstransit+json")]
    public async Task A_lone_surrogate_becomes_a_replacement_character_and_the_meeting_is_published(string contentType)
    {
        var meetingId = Guid.NewGuid();
        var meeting = MeetingJson(meetingId, "\"Retrospective\"")
            .Replace("\"Sprint 42\"", "\"Cut \\ud83d emoji\"", StringComparison.Ordinal)
            .Replace("\"Sent from Python\"", "\"Half \\ud800 an emoji \\udc00\"", StringComparison.Ordinal);
        Assert.Contains("\\ud800", meeting, StringComparison.Ordinal);
        await PublishAsync(contentType == "application/json" ? meeting : Envelope(meeting), contentType);

        var saga = await PublicationStore.WaitFor(pipeline.Worker.Services, PublicationId.For(pipeline.TenantId, meetingId),
            p => p.CurrentState is "Published" or "Failed", "Published");

        Assert.True(saga.CurrentState == "Published", $"{saga.CurrentState} at {saga.FailedStep}: {saga.LastError}");
        var page = Assert.Single(pipeline.Emulator.State.Pages, p => p.Id == saga.PageId);
        Assert.Contains("Cut \uFFFD emoji", page.Title, StringComparison.Ordinal);
        Assert.Contains("Half \uFFFD an emoji \uFFFD", page.Body, StringComparison.Ordinal);
        await AssertEveryErrorQueueEmpty();
    }

    [Fact]
    public async Task MassTransit_envelope_built_by_hand_with_a_numeric_enum_is_consumed()
    {
        var meetingId = Guid.NewGuid();
        await PublishAsync(Envelope(MeetingJson(meetingId, "1")), "application/vnd.masstransit+json");

        var saga = await PublicationStore.WaitFor(pipeline.Worker.Services, PublicationId.For(pipeline.TenantId, meetingId),
            p => p.CurrentState == "Published", "Published");

        Assert.Equal(MeetingKind.HealthCheck, saga.MeetingKind);
        Assert.Equal("Health Checks", pipeline.Emulator.State.Pages.Single(p => p.Id == saga.ParentPageId).Title);
    }

    [Fact]
    public async Task Malformed_message_lands_in_the_error_queue_and_creates_nothing()
    {
        await PublishAsync("{ this is not json", "application/json");

        var errored = await WaitForErrorQueueMessage("report-publication_error", TimeSpan.FromSeconds(30));

        Assert.Equal("{ this is not json", errored);
        Assert.Empty(await PublicationStore.All(pipeline.Worker.Services));
        Assert.Empty(pipeline.Emulator.Requests.All);
    }

    static string Envelope(string meetingJson) => $$"""
        {
          "messageId": "{{Guid.NewGuid()}}",
          "messageType": ["urn:message:TeamRetro.Confluence.Contracts:MeetingCompleted"],
          "sentTime": "2026-11-28T10:00:00Z",
          "message": {{meetingJson}}
        }
        """;

    /// <summary>Once every working queue is empty (a copy on its way to _error is still unacknowledged), no _error queue may hold anything.</summary>
    async Task AssertEveryErrorQueueEmpty()
    {
        var depths = await pipeline.Rabbit.QueueDepthsOnceDrained();
        Assert.All(depths.Where(q => q.Key.EndsWith("_error", StringComparison.Ordinal)), q => Assert.True(q.Value == 0, $"{q.Key} holds {q.Value}"));
    }

    async Task PublishAsync(string body, string contentType)
    {
        var factory = new ConnectionFactory { Uri = pipeline.RabbitMqUrl };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var properties = new BasicProperties
        {
            ContentType = contentType,
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = Guid.NewGuid().ToString(),
        };
        await channel.BasicPublishAsync(Exchange, routingKey: "", mandatory: false, properties, Encoding.UTF8.GetBytes(body));
    }

    async Task<string> WaitForErrorQueueMessage(string queue, TimeSpan timeout)
    {
        var factory = new ConnectionFactory { Uri = pipeline.RabbitMqUrl };
        await using var connection = await factory.CreateConnectionAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            // A fresh channel per poll: asking for a queue that is not declared yet (before the first fault) closes the channel.
            await using (var channel = await connection.CreateChannelAsync())
            {
                try
                {
                    var result = await channel.BasicGetAsync(queue, autoAck: true);
                    if (result is not null)
                        return Encoding.UTF8.GetString(result.Body.Span);
                }
                catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
                {
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Nothing arrived in {queue} within {timeout}.");
    }
}
