using TeamRetro.Confluence.Api.Demo;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Integration.Tests.Infrastructure;
using TeamRetro.Confluence.Tests.Shared;
using TeamRetro.Confluence.Publishing.Confluence;
using UglyToad.PdfPig;

namespace TeamRetro.Confluence.Integration.Tests.Publication;

public sealed class EndToEndPublicationTests : IAsyncLifetime
{
    Pipeline pipeline = null!;

    public async Task InitializeAsync() => pipeline = await Pipeline.StartAsync();

    public async Task DisposeAsync() => await pipeline.DisposeAsync();

    [Fact]
    public async Task The_attached_pdf_reads_back_with_the_meeting_content()
    {
        var meeting = DemoMeetings.Retrospective(pipeline.TenantId);
        await pipeline.Publish(meeting);

        var saga = await pipeline.WaitForState(meeting, "Published");

        var pdf = Assert.Single(pipeline.Emulator.State.AttachmentsOf(saga.PageId!));
        using var document = PdfDocument.Open(pdf.Data);
        var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Platform Team", Normalise(text), StringComparison.Ordinal);
        Assert.Contains("Flaky integration tests block merges", Normalise(text), StringComparison.Ordinal);
        Assert.Contains("Quarantine the three flakiest tests", Normalise(text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publications_in_flight_survive_a_worker_restart()
    {
        var meetings = Enumerable.Range(0, 20).Select(_ => DemoMeetings.Retrospective(pipeline.TenantId)).ToList();
        await Task.WhenAll(meetings.Select(pipeline.Publish));
        var ids = meetings.Select(m => PublicationId.For(m.TenantId, m.MeetingId)).ToList();

        // Restart as soon as the first publications exist, while the rest are still queued or mid-step.
        await PublicationStore.WaitForAll(pipeline.Worker.Services, ids.Take(1).ToList(), _ => true, "created", TimeSpan.FromSeconds(30));
        await pipeline.RestartWorker();

        await PublicationStore.WaitForAll(pipeline.Worker.Services, ids, p => p.CurrentState == "Published", "Published", TimeSpan.FromMinutes(3));
        Assert.Equal(meetings.Count, pipeline.Emulator.State.Pages.Count(p => p.ParentId is not null));
        Assert.All(pipeline.Emulator.State.Pages.Where(p => p.ParentId is not null),
            page => Assert.Single(pipeline.Emulator.State.AttachmentsOf(page.Id)));
    }

    static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
