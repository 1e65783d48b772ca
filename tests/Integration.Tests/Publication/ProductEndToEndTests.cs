using TeamRetro.Confluence.Api.Demo;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Integration.Tests.Infrastructure;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Integration.Tests.Publication;

/// <summary>
/// The whole product on real RabbitMQ and PostgreSQL against each product the way tenants connect to it: Data Center with
/// basic auth and with a personal access token, Cloud with an API token on v1 and with OAuth on v2.
/// </summary>
public sealed class ProductEndToEndTests
{
    const int MeetingCount = 40;

    [Theory]
    [MemberData(nameof(ConfluenceTarget.Names), MemberType = typeof(ConfluenceTarget))]
    public async Task Meetings_delivered_twice_become_one_page_and_one_pdf_each_and_a_republish_adds_one_pdf_version_each(string target)
    {
        await using var pipeline = await Pipeline.StartAsync(ConfluenceTarget.Named(target));
        var meetings = Enumerable.Range(0, MeetingCount)
            .Select(i => i % 4 == 0 ? DemoMeetings.HealthCheck(pipeline.TenantId) : DemoMeetings.Retrospective(pipeline.TenantId))
            .ToList();
        var ids = meetings.Select(m => PublicationId.For(m.TenantId, m.MeetingId)).ToList();

        await Task.WhenAll(meetings.Concat(meetings).Select(pipeline.Publish));
        var first = await PublicationStore.WaitForAll(pipeline.Worker.Services, ids, p => p.CurrentState == "Published", "Published", TimeSpan.FromMinutes(3));
        var reports = pipeline.Emulator.State.Pages.Where(p => p.ParentId is not null).ToList();
        Assert.Equal(2, pipeline.Emulator.State.Pages.Count(p => p.ParentId is null)); // "Retrospectives" and "Health Checks", once each
        Assert.Equal(MeetingCount, reports.Count);
        Assert.All(reports, page => Assert.Equal(1, Assert.Single(pipeline.Emulator.State.AttachmentsOf(page.Id)).VersionCount));

        // Every second delivery absorbed before the change: an older copy arriving after a newer one is published after it
        // (the saga orders by arrival, not by the meeting's own time: a gap noted on the durable-waiting issue).
        await WaitUntilDrained(pipeline, "report-publication");
        var versions = first.ToDictionary(p => p.CorrelationId, p => p.PageVersion);
        await Task.WhenAll(meetings.Select(m => pipeline.Publish(m with { Facilitator = "Someone else" })));
        await PublicationStore.WaitForAll(pipeline.Worker.Services, ids, p => p.CurrentState == "Published" && p.PageVersion == versions[p.CorrelationId] + 1,
            "republished", TimeSpan.FromMinutes(3));

        Assert.Equal(MeetingCount, pipeline.Emulator.State.Pages.Count(p => p.ParentId is not null));
        Assert.All(reports, page => Assert.Equal(2, Assert.Single(pipeline.Emulator.State.AttachmentsOf(page.Id)).VersionCount));
        AllowListAssert.EveryRequestAllowed(pipeline.Emulator, pipeline.Target);
    }

    static async Task WaitUntilDrained(Pipeline pipeline, string queue)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await pipeline.Rabbit.QueueDepths()).GetValueOrDefault(queue) > 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{queue} still held messages after a minute.");
            await Task.Delay(100);
        }
    }
}
