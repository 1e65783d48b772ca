using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

/// <summary>The step consumers render concurrently, sharing the process-wide HarfBuzz fonts: each render still gives the same bytes.</summary>
public sealed class PdfConcurrencyTests
{
    [Fact]
    public async Task Concurrent_renders_of_one_meeting_give_the_same_bytes()
    {
        var renderer = new ReportPdfRenderer();
        var meeting = MultilingualMeetings.Retrospective();
        var expected = renderer.Render(meeting);

        var renders = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => renderer.Render(meeting))));

        Assert.All(renders, pdf => Assert.True(pdf.AsSpan().SequenceEqual(expected), "a concurrent render differs"));
    }
}
