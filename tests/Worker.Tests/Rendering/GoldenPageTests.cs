using System.Xml.Linq;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

/// <summary>
/// The two built-in templates against reviewed golden files (Rendering/Golden/*.xml), compared after normalising the
/// XML so whitespace-only template edits do not fail. To accept an intended change, run the tests with
/// UPDATE_GOLDEN=1 and review the diff of the golden files.
/// </summary>
public sealed class GoldenPageTests
{
    static readonly Guid Tenant = Guid.Parse("11111111-1111-4111-8111-111111111111");
    static readonly Guid Meeting = Guid.Parse("22222222-2222-4222-8222-222222222222");

    [Fact]
    public void Retrospective_page_matches_its_golden_file() =>
        AssertGolden("retrospective.xml", new ReportPageRenderer().Render(SampleMeetings.Retrospective(Tenant, Meeting), ReportPdfRenderer.FileName));

    [Fact]
    public void Health_check_page_matches_its_golden_file() =>
        AssertGolden("health-check.xml", new ReportPageRenderer().Render(SampleMeetings.HealthCheck(Tenant, Meeting), ReportPdfRenderer.FileName));

    static void AssertGolden(string name, RenderedPage page)
    {
        var actual = Normalise($"<page title=\"{System.Security.SecurityElement.Escape(page.Title)}\">{page.StorageXml}</page>");
        var path = Path.Combine(AllowListTestsRoot(), "tests", "Worker.Tests", "Rendering", "Golden", name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            File.WriteAllText(path, actual);

        Assert.True(File.Exists(path), $"Golden file {path} is missing: run with UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(Normalise(File.ReadAllText(path)), actual);
    }

    static string Normalise(string xml)
    {
        var root = XElement.Parse(
            "<root xmlns:ac=\"http://atlassian.com/content\" xmlns:ri=\"http://atlassian.com/resource/identifier\">" + xml + "</root>",
            LoadOptions.None);
        foreach (var text in root.DescendantNodes().OfType<XText>().ToList())
        {
            if (string.IsNullOrWhiteSpace(text.Value))
                text.Remove();
        }

        return string.Concat(root.Nodes().Select(n => n.ToString(SaveOptions.None))) + "\n";
    }

    static string AllowListTestsRoot() => TeamRetro.Confluence.Worker.Tests.Confluence.AllowListTests.RepositoryRoot();
}
