using System.Xml.Linq;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

public sealed class ReportPageRendererTests
{
    readonly ReportPageRenderer renderer = new();

    static XElement Parse(string storage) => XElement.Parse(
        "<root xmlns:ac=\"http://atlassian.com/content\" xmlns:ri=\"http://atlassian.com/resource/identifier\">" + storage + "</root>");

    /// <summary>The page after its "At a glance" block (which <see cref="PageSummaryTests"/> covers).</summary>
    static XElement WithoutSummary(XElement page)
    {
        var heading = page.Elements("h2").Single(h => h.Value == "At a glance");
        ((XElement)heading.NextNode!).Remove();
        heading.Remove();
        return page;
    }

    /// <summary>The text a reader sees: what the XML parser gives back after unescaping.</summary>
    static string Visible(string storage) => Parse(storage).Value;

    [Fact]
    public void Retrospective_page_is_well_formed_and_shows_every_card_unescaped_to_the_reader()
    {
        var meeting = SampleMeetings.Retrospective();

        var page = renderer.Render(meeting, ReportPdfRenderer.FileName);

        var visible = Visible(page.StorageXml);
        foreach (var card in meeting.Columns.SelectMany(c => c.Cards))
            Assert.Contains(card.Text, visible, StringComparison.Ordinal);
        Assert.Contains("Pairing on <billing> & \"tests\"", visible, StringComparison.Ordinal);
        Assert.DoesNotContain("<billing>", page.StorageXml, StringComparison.Ordinal);
        Assert.Contains("Дмитрий Петров", visible, StringComparison.Ordinal);
    }

    [Fact]
    public void Cards_are_sorted_by_votes_and_grouped_cards_stay_together()
    {
        var visible = Visible(renderer.Render(SampleMeetings.Retrospective(), ReportPdfRenderer.FileName).StorageXml);

        var release = visible.IndexOf("Release went out", StringComparison.Ordinal);      // 5 votes
        var group = visible.IndexOf("Collaboration", StringComparison.Ordinal);           // 3 + 1 votes
        var pairing = visible.IndexOf("Pairing on", StringComparison.Ordinal);
        var reviews = visible.IndexOf("Fast reviews", StringComparison.Ordinal);
        var greek = visible.IndexOf("Σωστή", StringComparison.Ordinal);                    // 1 vote
        Assert.True(release < group && group < pairing && pairing < reviews && reviews < greek, visible);
    }

    [Fact]
    public void Action_items_carry_status_macros_and_the_pdf_is_linked_and_previewed()
    {
        var xml = WithoutSummary(Parse(renderer.Render(SampleMeetings.Retrospective(), ReportPdfRenderer.FileName).StorageXml));
        XNamespace ac = "http://atlassian.com/content";
        XNamespace ri = "http://atlassian.com/resource/identifier";

        var statuses = xml.Descendants(ac + "structured-macro").Where(m => (string?)m.Attribute(ac + "name") == "status")
            .Select(m => m.Elements(ac + "parameter").Single(p => (string?)p.Attribute(ac + "name") == "title").Value).ToList();
        Assert.Equal(["Open", "Done"], statuses);
        Assert.Contains(xml.Descendants(ac + "structured-macro"), m => (string?)m.Attribute(ac + "name") == "view-file");
        Assert.Equal(2, xml.Descendants(ri + "attachment").Count(a => (string?)a.Attribute(ri + "filename") == ReportPdfRenderer.FileName));
    }

    [Fact]
    public void Bare_action_items_become_a_confluence_task_list_with_their_status()
    {
        var meeting = SampleMeetings.Retrospective() with
        {
            ActionItems = [new ActionItem { Text = "Book the <big> room & snacks" }, new ActionItem { Text = "Send notes", Done = true }],
        };
        var xml = Parse(renderer.Render(meeting, ReportPdfRenderer.FileName).StorageXml);
        XNamespace ac = "http://atlassian.com/content";

        var tasks = xml.Descendants(ac + "task").Select(t => (
            Id: t.Element(ac + "task-id")!.Value, Status: t.Element(ac + "task-status")!.Value, Body: t.Element(ac + "task-body")!.Value)).ToList();

        Assert.Equal([("1", "incomplete", "Book the <big> room & snacks"), ("2", "complete", "Send notes")], tasks);
        Assert.DoesNotContain(xml.Descendants("th"), th => th.Value == "Owner");
    }

    [Fact]
    public void Action_items_with_owners_stay_a_table()
    {
        var xml = Parse(renderer.Render(SampleMeetings.Retrospective(), ReportPdfRenderer.FileName).StorageXml);
        XNamespace ac = "http://atlassian.com/content";

        Assert.Empty(xml.Descendants(ac + "task-list"));
        Assert.Contains(xml.Descendants("th"), th => th.Value == "Owner");
    }

    [Fact]
    public void Health_check_scores_get_traffic_light_colours_and_trends()
    {
        var xml = WithoutSummary(Parse(renderer.Render(SampleMeetings.HealthCheck(), ReportPdfRenderer.FileName).StorageXml));
        XNamespace ac = "http://atlassian.com/content";

        var colours = xml.Descendants(ac + "parameter").Where(p => (string?)p.Attribute(ac + "name") == "colour").Select(p => p.Value).ToList();
        Assert.Equal(["Green", "Yellow", "Red", "Grey"], colours); // three dimensions, then the open action item
        Assert.Contains("↑", xml.Value, StringComparison.Ordinal);
        Assert.Contains("↓", xml.Value, StringComparison.Ordinal);
        Assert.Contains("<too> much & on-call", xml.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_meeting_renders_a_page_that_says_so()
    {
        var meeting = SampleMeetings.Retrospective() with { Columns = [], ActionItems = [] };

        var visible = Visible(renderer.Render(meeting, ReportPdfRenderer.FileName).StorageXml);

        Assert.Contains("No cards were added in this meeting.", visible, StringComparison.Ordinal);
        Assert.Contains("No action items.", visible, StringComparison.Ordinal);
    }

    [Fact]
    public void Characters_xml_forbids_are_removed_and_emoji_and_rtl_text_kept()
    {
        var text = "bell\u0007 nul\u0000 esc\u001b lone\ud800 rtl\u200f שלום مرحبا emoji 🎉 end";
        var meeting = SampleMeetings.Retrospective() with { Columns = [new RetroColumn { Name = "Col\u0001", Cards = [new RetroCard { Text = text }] }] };

        var visible = Visible(renderer.Render(meeting, ReportPdfRenderer.FileName).StorageXml);

        Assert.Contains("bell nul esc lone rtl\u200f שלום مرحبا emoji 🎉 end", visible, StringComparison.Ordinal);
        Assert.Contains("Col", visible, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_hostile_text_always_yields_well_formed_xml_containing_it()
    {
        var random = new Random(20261128);
        string[] pieces = ["<", ">", "&", "&amp;", "]]>", "\"", "'", "<![CDATA[", "</td>", "{{ team }}", "\u0000", "\u0008", "\u001f", "\ufffe",
            "\ud83d\ude80", "\u202e", "\u200f", "ש", "ж", "é", " ", "\n", "\t", "<ac:structured-macro>", "&#0;", "%s"];
        for (var i = 0; i < 300; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 40)).Select(_ => pieces[random.Next(pieces.Length)]));
            if (i % 50 == 0)
                text += new string('w', 10_000);
            var meeting = SampleMeetings.Retrospective() with
            {
                Team = text,
                Columns = [new RetroColumn { Name = text, Cards = [new RetroCard { Text = text, Author = text, Group = text }] }],
                ActionItems = [new ActionItem { Text = text, Owner = text }],
            };

            var page = renderer.Render(meeting, ReportPdfRenderer.FileName);

            var expected = StorageFormat.Clean(text).Trim();
            Assert.Contains(expected, Visible(page.StorageXml), StringComparison.Ordinal);
            Assert.True(page.Title.Length <= 255);
        }
    }

    [Fact]
    public void Oversized_report_fails_with_a_clear_reason()
    {
        // 3 million characters, but two UTF-8 bytes each: under the text limit, over the page limit once rendered.
        var cards = Enumerable.Range(0, 1_000).Select(i => new RetroCard { Text = new string('ж', 3_000) + i }).ToList();
        var meeting = SampleMeetings.Retrospective() with { Columns = [new RetroColumn { Name = "Huge", Cards = cards }] };

        var e = Assert.Throws<InvalidMeetingException>(() => renderer.Render(meeting, ReportPdfRenderer.FileName));

        Assert.Matches("The report is [0-9,]+ bytes; Confluence accepts at most 5,242,880", e.Message);
    }

    [Fact]
    public void A_meeting_with_more_text_than_a_page_holds_fails_before_rendering()
    {
        var meeting = SampleMeetings.Retrospective() with { Title = new string('x', 20 * 1024 * 1024) };

        var e = Assert.Throws<InvalidMeetingException>(() => renderer.Render(meeting, ReportPdfRenderer.FileName));

        Assert.Matches("The meeting has [0-9,]+ characters of text, more than one report page can hold: Confluence accepts at most 5,242,880 bytes", e.Message);
    }

    [Fact]
    public void Too_many_cards_fail_before_rendering()
    {
        var cards = Enumerable.Range(0, 5_001).Select(i => new RetroCard { Text = "c" + i }).ToList();
        var meeting = SampleMeetings.Retrospective() with { Columns = [new RetroColumn { Name = "Many", Cards = cards }] };

        var e = Assert.Throws<InvalidMeetingException>(() => renderer.Render(meeting, ReportPdfRenderer.FileName));
        Assert.Contains("5,001 cards", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_meeting_renders_the_same_body_hash()
    {
        var meeting = SampleMeetings.Retrospective();
        Assert.Equal(renderer.Render(meeting, "a.pdf").BodySha256, renderer.Render(meeting, "a.pdf").BodySha256);
        Assert.NotEqual(renderer.Render(meeting, "a.pdf").BodySha256, renderer.Render(meeting with { Title = "Other" }, "a.pdf").BodySha256);
    }
}
