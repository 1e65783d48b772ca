using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Api.Demo;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Integration.Tests.Infrastructure;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Integration.Tests.Publication;

/// <summary>
/// Security review 14: <c>_error</c> holds only what the saga could not take. A step failure the saga records as
/// Failed (and an admin can replay) is not booked a second time as a dead letter.
/// </summary>
public sealed class ErrorQueueTests : IAsyncLifetime
{
    Pipeline pipeline = null!;

    public async Task InitializeAsync() => pipeline = await Pipeline.StartAsync();

    public async Task DisposeAsync() => await pipeline.DisposeAsync();

    [Fact]
    public async Task A_step_that_fails_for_good_is_Failed_and_leaves_every_error_queue_empty()
    {
        pipeline.Emulator.Faults.Enqueue(HttpMethod.Post, "/rest/api/content", 403, times: 1000);
        var meetings = Enumerable.Range(0, 3).Select(_ => DemoMeetings.Retrospective(pipeline.TenantId)).ToList();
        await Task.WhenAll(meetings.Select(pipeline.Publish));

        foreach (var meeting in meetings)
        {
            var saga = await pipeline.WaitForState(meeting, "Failed", TimeSpan.FromSeconds(60));
            Assert.Contains(saga.FailedStep, new[] { PublicationSteps.EnsureParentPage, PublicationSteps.PublishReportPage });
        }

        var depths = await pipeline.Rabbit.QueueDepthsOnceDrained();
        Assert.All(depths.Where(q => q.Key.EndsWith("_error", StringComparison.Ordinal)), q => Assert.True(q.Value == 0, $"{q.Key} holds {q.Value}"));
    }

    [Fact]
    public async Task A_step_fault_the_saga_cannot_take_still_ends_in_the_saga_error_queue()
    {
        // A command for a publication that does not exist, for a tenant without an integration: the step faults,
        // the saga has no instance for the fault and faults in turn, so the fault is kept in report-publication_error.
        var sender = pipeline.Worker.Services.GetRequiredService<ISendEndpointProvider>();
        var endpoint = await sender.GetSendEndpoint(PublicationSteps.Queues.ResolveSpace);
        await endpoint.Send(new ResolveSpace(Guid.NewGuid(), Guid.NewGuid(), MeetingKind.Retrospective));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        Dictionary<string, int> depths;
        while ((depths = await pipeline.Rabbit.QueueDepthsOnceDrained()).GetValueOrDefault("report-publication_error") == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        Assert.Equal(1, depths.GetValueOrDefault("report-publication_error"));
        Assert.Equal(0, depths.GetValueOrDefault("resolve-space_error"));
    }
}
