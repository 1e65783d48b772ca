using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Publishing.Retention;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>
/// Retention clears the snapshot and history of settled publications past <see cref="RetentionOptions.SnapshotsFor"/>, a
/// batch at a time, and keeps the row, so a later delivery of the meeting still lands on the same page.
/// </summary>
public sealed class SnapshotRetentionPurgeTests : IAsyncLifetime
{
    static readonly TimeSpan Retention = TimeSpan.FromDays(90);
    PublicationHarness h = null!;

    public async Task InitializeAsync() => h = await PublicationHarness.StartAsync();

    public async Task DisposeAsync() => await h.DisposeAsync();

    SnapshotRetentionPurge Purge(int batchSize = 500) => new(h.Services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new RetentionOptions { SnapshotsFor = Retention, BatchSize = batchSize }), TimeProvider.System,
        NullLogger<SnapshotRetentionPurge>.Instance);

    async Task<Guid> Row(string state, TimeSpan age)
    {
        var at = DateTimeOffset.UtcNow - age;
        var row = new ReportPublication
        {
            CorrelationId = Guid.NewGuid(), TenantId = h.TenantId, MeetingId = Guid.NewGuid(), CurrentState = state, MeetingTitle = state,
            MeetingJson = """{"title":"kept until retention"}""", MeetingSha256 = "sha", PendingMeetingJson = """{"title":"newer"}""",
            History = """[{"at":"2026-01-01T00:00:00+00:00","what":"Accepted"}]""", PageId = "4711", AttachmentId = "att4711",
            CreatedAt = at, UpdatedAt = at,
        };
        await PublicationStore.Insert(h.Services, row);
        return row.CorrelationId;
    }

    [Fact]
    public async Task Only_settled_publications_older_than_the_retention_are_purged_a_batch_at_a_time()
    {
        var old = Retention + TimeSpan.FromDays(1);
        Guid[] due =
        [
            await Row(PublicationStates.Published, old), await Row(PublicationStates.Published, old + TimeSpan.FromDays(300)),
            await Row(PublicationStates.Failed, old), await Row(PublicationStates.Cancelled, old), await Row(PublicationStates.Published, old),
        ];
        Guid[] kept =
        [
            await Row(PublicationStates.Published, Retention - TimeSpan.FromDays(1)), // settled, but recently
            await Row(PublicationStates.PublishingPage, old), // in flight, however old
            await Row(PublicationStates.Waiting, old),
        ];
        var purge = Purge(batchSize: 2);

        var batches = new List<int>();
        for (var round = 0; round < 4; round++)
            batches.Add(await purge.PurgeOnce(default));
        Assert.Equal([2, 2, 1, 0], batches);

        foreach (var id in due)
        {
            var p = (await h.Find(id))!;
            Assert.Equal("", p.MeetingJson);
            Assert.Null(p.PendingMeetingJson);
            Assert.Null(p.History);
            Assert.NotNull(p.PurgedAt);
            Assert.Equal(("4711", "att4711", "sha"), (p.PageId, p.AttachmentId, p.MeetingSha256)); // what keeps a redelivery on its page
        }
        foreach (var id in kept)
        {
            var p = (await h.Find(id))!;
            Assert.Null(p.PurgedAt);
            Assert.NotEmpty(p.MeetingJson);
            Assert.NotNull(p.History);
        }
    }

    [Fact]
    public async Task After_the_purge_the_same_meeting_changes_nothing_and_a_changed_one_updates_the_same_page()
    {
        var meeting = h.Meeting();
        var id = PublicationHarness.IdOf(meeting);
        var published = await h.Publish(meeting, m => m.Published);
        var pages = h.Emulator.State.Pages.Count;
        await h.ChangePublication(id, p => p.UpdatedAt = DateTimeOffset.UtcNow - Retention - TimeSpan.FromDays(1));
        Assert.Equal(1, await Purge().PurgeOnce(default));

        await h.Bus.Publish(meeting); // a redelivery: the kept hash says it is published already
        Assert.Equal(2, await h.Test.Consumed.SelectAsync<MeetingCompleted>(x => x.Context.Message.MeetingId == meeting.MeetingId).Take(2).CountAsync());
        var redelivered = (await h.Find(id))!;
        Assert.Equal((published.PageVersion, "", published.PublishedAt), (redelivered.PageVersion, redelivered.MeetingJson, redelivered.PublishedAt));
        Assert.NotNull(redelivered.PurgedAt);

        await h.Bus.Publish(meeting with { Title = meeting.Title + " (edited)" });

        var again = await h.WaitForState(id, m => m.Published, p => p.PublishedAt > published.PublishedAt, "published again");
        Assert.Equal(published.PageId, again.PageId);
        Assert.Equal(pages, h.Emulator.State.Pages.Count); // the same page, renamed: never a second one
        Assert.Equal(published.PageVersion + 1, again.PageVersion);
        Assert.Null(again.PurgedAt);
        Assert.Contains("(edited)", again.MeetingJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replay_sent_on_the_bus_for_a_purged_publication_is_refused_in_its_history_and_stays_failed()
    {
        var id = await Row(PublicationStates.Failed, Retention + TimeSpan.FromDays(1));
        await h.ChangePublication(id, p => p.FailedStep = PublicationSteps.PublishReportPage);
        Assert.Equal(1, await Purge().PurgeOnce(CancellationToken.None));

        await h.Replay(id);

        var refused = await h.WaitFor(id, p => PublicationHistory.Read(p.History).Any(e => e.What == HistoryVerbs.ReplayRefused), "the replay refused");
        Assert.Equal(PublicationStates.Failed, refused.CurrentState);
        Assert.Contains("purged", Assert.Single(PublicationHistory.Read(refused.History)).Detail);
        Assert.False(await h.Test.Sent.Any<PublishReportPage>(x => x.Context.Message.PublicationId == id));
    }
}
