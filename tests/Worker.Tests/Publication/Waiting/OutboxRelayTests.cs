using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Persistence.Outbox;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Worker.Tests.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Publication.Waiting;

public sealed class OutboxRelayTests
{
    [Fact]
    public async Task A_message_a_crash_left_in_the_outbox_is_delivered_by_the_relay_and_removed()
    {
        await using var h = await PublicationHarness.StartAsync();
        var meeting = SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid());
        await using (var scope = h.Services.CreateAsyncScope())
        {
            // What the saga's repository commits with a saga row, left undelivered as by a worker killed after the commit.
            var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
            new PublicationOutbox(db, new ShiftedClock(TimeSpan.FromMinutes(-1))).Publish(meeting);
            await db.SaveChangesAsync();
        }

        var relay = ActivatorUtilities.CreateInstance<OutboxRelay>(h.Services, Options.Create(new OutboxOptions()), NullLogger<OutboxRelay>.Instance);
        Assert.Equal(1, await relay.RelayStale(CancellationToken.None));

        await h.WaitForState(PublicationId.For(meeting.TenantId, meeting.MeetingId), m => m.Published);
        Assert.Equal(0, await OutboxCountOnceSettled(h));
    }

    [Fact]
    public async Task An_unreadable_message_stays_in_the_outbox_without_holding_back_the_ones_behind_it()
    {
        await using var h = await PublicationHarness.StartAsync();
        var meeting = SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid());
        await using (var scope = h.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
            db.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-2), MessageType = "TeamRetro.Confluence.Contracts.Renamed", Body = "{}",
            });
            new PublicationOutbox(db, new ShiftedClock(TimeSpan.FromMinutes(-1))).Publish(meeting);
            await db.SaveChangesAsync();
        }

        var relay = ActivatorUtilities.CreateInstance<OutboxRelay>(h.Services, Options.Create(new OutboxOptions()), NullLogger<OutboxRelay>.Instance);
        Assert.Equal(1, await relay.RelayStale(CancellationToken.None));

        await h.WaitForState(PublicationId.For(meeting.TenantId, meeting.MeetingId), m => m.Published);
        await using var check = h.Services.CreateAsyncScope();
        Assert.Single(await check.ServiceProvider.GetRequiredService<PublicationDbContext>().Set<OutboxMessage>()
            .Where(m => m.MessageType == "TeamRetro.Confluence.Contracts.Renamed").ToListAsync());
    }

    [Fact]
    public async Task A_published_run_leaves_its_outbox_empty()
    {
        await using var h = await PublicationHarness.StartAsync();
        var meeting = SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid());

        await h.Publish(meeting);
        await h.WaitForState(PublicationId.For(meeting.TenantId, meeting.MeetingId), m => m.Published);

        Assert.Equal(0, await OutboxCountOnceSettled(h));
    }

    /// <summary>The saga row commits before its last message is sent and deleted: poll, with a deadline, for the delete.</summary>
    static async Task<int> OutboxCountOnceSettled(PublicationHarness h)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            await using var scope = h.Services.CreateAsyncScope();
            var count = await scope.ServiceProvider.GetRequiredService<PublicationDbContext>().Set<OutboxMessage>().CountAsync();
            if (count == 0 || DateTime.UtcNow > deadline)
                return count;
            await Task.Delay(20);
        }
    }

    sealed class ShiftedClock(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + by;
    }
}
