using System.Diagnostics;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

/// <summary>
/// What a person sees: the PDF's pages rendered by poppler's pdftoppm (scripts/test.sh installs poppler-utils) at a low
/// resolution and compared with reviewed golden images (Rendering/Golden/Pdf/*.png) within <see cref="PngComparer"/>'s
/// tolerance. After an intended change, run with UPDATE_GOLDEN=1 and look at the images before committing them.
/// </summary>
public sealed class PdfGoldenImageTests
{
    const int Dpi = 40;

    [Fact]
    public void Multilingual_retrospective_looks_as_reviewed() => AssertPagesMatch("multilingual-retrospective", MultilingualMeetings.Retrospective());

    [Fact]
    public void Health_check_looks_as_reviewed() => AssertPagesMatch("health-check", MultilingualMeetings.HealthCheck());

    [Fact]
    public void The_comparer_tells_a_changed_page_from_the_same_page()
    {
        var pages = Rasterise(new ReportPdfRenderer().Render(MultilingualMeetings.HealthCheck()));
        var changed = Rasterise(new ReportPdfRenderer().Render(MultilingualMeetings.HealthCheck() with { Dimensions = [] }));

        Assert.True(PngComparer.Compare(pages[0], pages[0]).Matches);
        Assert.False(PngComparer.Compare(pages[0], changed[0]).Matches);
    }

    static void AssertPagesMatch(string name, MeetingCompleted meeting)
    {
        var pages = Rasterise(new ReportPdfRenderer().Render(meeting));
        var folder = Path.Combine(TeamRetro.Confluence.Worker.Tests.Confluence.AllowListTests.RepositoryRoot(), "tests", "Worker.Tests", "Rendering", "Golden", "Pdf");
        for (var i = 0; i < pages.Count; i++)
        {
            var path = Path.Combine(folder, $"{name}-{i + 1}.png");
            if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            {
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(path, pages[i]);
            }

            Assert.True(File.Exists(path), $"Golden image {path} is missing: run with UPDATE_GOLDEN=1 and review it.");
            var result = PngComparer.Compare(File.ReadAllBytes(path), pages[i]);
            Assert.True(result.Matches, $"Page {i + 1} of {name} differs from {path}: {result.Description}.");
        }

        Assert.False(File.Exists(Path.Combine(folder, $"{name}-{pages.Count + 1}.png")), $"{name} has fewer pages than its golden images.");
    }

    /// <summary>Each page as a PNG, rendered by pdftoppm.</summary>
    static List<byte[]> Rasterise(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("pdf-golden-");
        try
        {
            var input = Path.Combine(folder.FullName, "report.pdf");
            File.WriteAllBytes(input, pdf);
            var start = new ProcessStartInfo("pdftoppm", ["-r", Dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-png", input, Path.Combine(folder.FullName, "page")])
            {
                RedirectStandardError = true,
            };
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("pdftoppm is not installed: install poppler-utils (scripts/test.sh does on Debian).", e);
            }

            using (process)
            {
                process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.Equal(0, process.ExitCode);
            }

            return folder.GetFiles("page-*.png").OrderBy(f => f.Name.Length).ThenBy(f => f.Name, StringComparer.Ordinal).Select(f => File.ReadAllBytes(f.FullName)).ToList();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
