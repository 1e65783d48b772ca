using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Tests.Shared;
using TeamRetro.Confluence.Worker.Tests.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>
/// The sweeper redrives a step nobody holds, never one a consumer is still working on (F1: a slow PDF was queued again
/// every StuckAfter). StuckAfter is one second here, so the consumers renew their heartbeat every third of a second.
/// </summary>
public sealed class StuckPublicationSweeperTests : IAsyncLifetime
{
    static readonly TimeSpan StuckAfter = TimeSpan.FromSeconds(1);
    PublicationHarness h = null!;

    public async Task InitializeAsync() => h = await PublicationHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Publication:Sweeper:StuckAfter"] = StuckAfter.ToString(),
    });

    public async Task DisposeAsync() => await h.DisposeAsync();

    StuckPublicationSweeper Sweeper() => new(h.Services.GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new SweeperOptions { StuckAfter = StuckAfter }), TimeProvider.System, NullLogger<StuckPublicationSweeper>.Instance);

    [Fact]
    public async Task A_step_its_consumer_still_holds_is_not_redriven_and_one_nobody_holds_is()
    {
        h.Emulator.Faults.Slow(HttpMethod.Post, "child/attachment", TimeSpan.FromSeconds(5));
        var meeting = SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid());
        var id = PublicationId.For(meeting.TenantId, meeting.MeetingId);
        await h.Publish(meeting);

        // The PDF step has been running for longer than StuckAfter, and its consumer is still at work.
        await h.WaitForState(id, m => m.UploadingPdf, p => p.StepStartedAt < DateTimeOffset.UtcNow - 2 * StuckAfter,
            "the PDF step running for longer than StuckAfter");
        Assert.Equal(0, await Sweeper().SweepOnce(CancellationToken.None));

        var published = await h.WaitForState(id, m => m.Published);
        Assert.DoesNotContain(PublicationHistory.Read(published.History), e => e.What == "Redriven");
        Assert.NotNull(published.StepHeartbeatAt);
        Assert.Equal(1, Assert.Single(h.Emulator.State.AttachmentsOf(published.PageId!)).Version);

        // The consumer died mid-step (its last heartbeat is old) and the command is gone: redriven.
        await h.ChangePublication(id, saga =>
        {
            saga.CurrentState = h.Machine.UploadingPdf.Name;
            saga.CurrentStep = PublicationSteps.UploadReportPdf;
            saga.UpdatedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            saga.StepStartedAt = saga.StepHeartbeatAt = saga.UpdatedAt;
        });
        Assert.Equal(1, await Sweeper().SweepOnce(CancellationToken.None));
        var redriven = await h.WaitForState(id, m => m.Published, p => p.PublishedAt > published.PublishedAt, "published again");
        Assert.Single(PublicationHistory.Read(redriven.History), e => e.What == "Redriven");
    }

    [Fact]
    public async Task Sweeper_redrives_a_publication_whose_step_command_was_lost()
    {
        var done = await h.Publish(h.Meeting(), m => m.Published);

        // A crash between saving the saga and sending its command: the row says PublishingPage, no command exists.
        var lost = h.Meeting();
        var saga = new ReportPublication
        {
            CorrelationId = PublicationHarness.IdOf(lost),
            CurrentState = h.Machine.PublishingPage.Name,
            CurrentStep = PublicationSteps.PublishReportPage,
            SpaceKey = done.SpaceKey,
            ParentPageTitle = done.ParentPageTitle,
            ParentPageId = done.ParentPageId,
        };
        saga.Accept(lost, DateTimeOffset.UtcNow.AddHours(-1));
        await PublicationStore.Insert(h.Services, saga);
        var sweeper = Sweeper();

        Assert.Equal(1, await sweeper.SweepOnce(CancellationToken.None));
        var published = await h.WaitForState(PublicationHarness.IdOf(lost), m => m.Published);
        Assert.Single(h.Emulator.State.Pages, p => p.Id == published.PageId);
        Assert.Equal(0, await sweeper.SweepOnce(CancellationToken.None));
    }
}
