using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

/// <summary>
/// Renders the sample retrospective as a person sees it: the page through the emulator's HTML view and the PDF.
/// With RENDER_SAMPLES_TO set (scripts/render-samples.sh), the files are kept there for review.
/// </summary>
public sealed class SampleArtifactTests
{
    [Fact]
    public async Task Sample_page_and_pdf_render_for_people()
    {
        var meeting = SampleMeetings.Retrospective();
        var page = new ReportPageRenderer().Render(meeting, ReportPdfRenderer.FileName);
        var pdf = new ReportPdfRenderer().Render(meeting);

        await using var emulator = await ConfluenceEmulator.StartAsync();
        var stored = emulator.State.AddPage("TEAM", page.Title, page.StorageXml);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        var html = await http.GetStringAsync($"view/pages/{stored.Id}");

        Assert.Contains("Release went out without a rollback", html, StringComparison.Ordinal);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);

        if (Environment.GetEnvironmentVariable("RENDER_SAMPLES_TO") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "sample-retrospective.html"), html);
            await File.WriteAllBytesAsync(Path.Combine(folder, "sample-retrospective.pdf"), pdf);
            foreach (var (name, other) in new[] { ("multilingual-retrospective", MultilingualMeetings.Retrospective()), ("health-check", MultilingualMeetings.HealthCheck()) })
            {
                var otherPage = new ReportPageRenderer().Render(other, ReportPdfRenderer.FileName);
                var otherStored = emulator.State.AddPage("TEAM", otherPage.Title, otherPage.StorageXml);
                await File.WriteAllTextAsync(Path.Combine(folder, $"{name}.html"), await http.GetStringAsync($"view/pages/{otherStored.Id}"));
                await File.WriteAllBytesAsync(Path.Combine(folder, $"{name}.pdf"), new ReportPdfRenderer().Render(other));
            }
        }
    }
}
