using System.Xml.Linq;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

/// <summary>The "At a glance" block both kinds of page open with, in Confluence's own status macros.</summary>
public sealed class PageSummaryTests
{
    static readonly XNamespace Ac = "http://atlassian.com/content";
    readonly ReportPageRenderer renderer = new();

    /// <summary>The summary table's rows, by their heading cell.</summary>
    XElement Summary(MeetingCompleted meeting)
    {
        var page = XElement.Parse("<root xmlns:ac=\"http://atlassian.com/content\" xmlns:ri=\"http://atlassian.com/resource/identifier\">" +
            renderer.Render(meeting, ReportPdfRenderer.FileName).StorageXml + "</root>");
        var heading = page.Elements("h2").First();
        Assert.Equal("At a glance", heading.Value);
        return (XElement)heading.NextNode!;
    }

    static XElement Row(XElement summary, string name) => summary.Descendants("tr").Single(r => r.Element("th")?.Value == name).Element("td")!;

    static List<(string Colour, string Title)> Statuses(XElement cell) => cell.Descendants(Ac + "structured-macro")
        .Where(m => (string?)m.Attribute(Ac + "name") == "status")
        .Select(m => (Param(m, "colour"), Param(m, "title"))).ToList();

    static string Param(XElement macro, string name) => macro.Elements(Ac + "parameter").Single(p => (string?)p.Attribute(Ac + "name") == name).Value;

    [Fact]
    public void A_health_check_names_its_lowest_and_highest_dimension_and_counts_the_trends()
    {
        var summary = Summary(MultilingualMeetings.HealthCheck());

        Assert.Equal([("Red", "1.8")], Statuses(Row(summary, "Lowest")));
        Assert.Contains("Fun", Row(summary, "Lowest").Value, StringComparison.Ordinal);
        Assert.Equal([("Green", "4.5")], Statuses(Row(summary, "Highest")));
        Assert.Contains("Speed 🚀", Row(summary, "Highest").Value, StringComparison.Ordinal);
        Assert.Equal([("Green", "2 improved ↑"), ("Red", "1 worsened ↓"), ("Grey", "1 steady →")], Statuses(Row(summary, "Trend")));
        Assert.Equal([("Grey", "1 open"), ("Green", "0 done")], Statuses(Row(summary, "Action items")));
    }

    [Fact]
    public void A_retrospective_counts_cards_and_votes_and_lists_the_top_voted_cards()
    {
        var meeting = MultilingualMeetings.Retrospective();
        var summary = Summary(meeting);

        Assert.Equal("6", Row(summary, "Cards").Value);
        Assert.Equal("15", Row(summary, "Votes").Value);
        var top = Row(summary, "Top-voted cards").Descendants("li").Select(li => li.Value).ToList();
        Assert.Equal(3, top.Count);
        Assert.StartsWith("Fast reviews 🚀", top[0], StringComparison.Ordinal);
        Assert.EndsWith("(5 votes)", top[0], StringComparison.Ordinal);
        Assert.Equal([("Grey", "1 open"), ("Green", "1 done")], Statuses(Row(summary, "Action items")));
    }

    [Fact]
    public void Ties_are_broken_by_name_so_the_same_meeting_reads_the_same()
    {
        var meeting = MultilingualMeetings.HealthCheck() with
        {
            Dimensions = [new HealthDimension { Name = "b", Score = 2 }, new HealthDimension { Name = "a", Score = 2 }],
        };

        var health = ReportSummary.Health(meeting);

        Assert.Equal("a", health.Lowest!.Name);
        Assert.Equal("a", health.Highest!.Name);
    }

    [Fact]
    public void A_meeting_with_nothing_in_it_says_so_in_its_summary()
    {
        var summary = Summary(MultilingualMeetings.HealthCheck() with { Dimensions = [], ActionItems = [] });

        Assert.Equal("–", Row(summary, "Lowest").Value);
        Assert.Equal([("Grey", "0 open"), ("Green", "0 done")], Statuses(Row(summary, "Action items")));
    }
}
