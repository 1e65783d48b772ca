using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Rendering;
using UglyToad.PdfPig;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

public sealed class ReportPdfRendererTests
{
    readonly ReportPdfRenderer renderer = new();

    static string Words(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Same_meeting_gives_the_same_bytes()
    {
        var meeting = SampleMeetings.Retrospective();

        var first = renderer.Render(meeting);
        var second = renderer.Render(meeting);

        Assert.True(first.AsSpan().SequenceEqual(second), FirstDifference(first, second));
    }

    [Fact]
    public void A_title_with_markup_reads_back_exactly()
    {
        var meeting = SampleMeetings.Retrospective() with { Team = "R&D <core>" };

        using var document = PdfDocument.Open(renderer.Render(meeting));

        Assert.StartsWith("R&D <core>", document.Information.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void No_date_in_the_file_comes_from_the_clock()
    {
        var meeting = SampleMeetings.Retrospective();
        var raw = Encoding.Latin1.GetString(renderer.Render(meeting));
        var today = DateTime.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Matches(@"/CreationDate\s*\(D:20261127", raw);
        Assert.Matches(@"/ModDate\s*\(D:20261127", raw);
        Assert.DoesNotContain("D:" + today, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_card_and_action_item_reads_back_from_the_pdf()
    {
        var meeting = SampleMeetings.Retrospective();

        var text = Words(renderer.Render(meeting));

        // Emoji included: they are drawn from the embedded emoji font and read back as the characters typed.
        foreach (var card in meeting.Columns.SelectMany(c => c.Cards))
            Assert.Contains(Normalise(card.Text), text, StringComparison.Ordinal);
        foreach (var item in meeting.ActionItems)
            Assert.Contains(item.Text, text, StringComparison.Ordinal);
        Assert.Contains("Дмитрий Петров", text, StringComparison.Ordinal);
        Assert.Contains("Σωστή τεκμηρίωση", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_names_the_report_and_its_author()
    {
        var meeting = SampleMeetings.HealthCheck();

        using var document = PdfDocument.Open(renderer.Render(meeting));

        Assert.Equal(ReportPageRenderer.TitleFor(meeting), document.Information.Title);
        Assert.Equal("TeamRetro", document.Information.Author);
        Assert.Contains("Codebase health", Words(renderer.Render(meeting)), StringComparison.Ordinal);
    }

    [Fact]
    public void Large_meeting_paginates_and_keeps_every_card()
    {
        var cards = Enumerable.Range(1, 500).Select(i => new RetroCard { Text = $"Card number {i} " + new string('x', i % 7 * 20), Votes = i % 9 }).ToList();
        var meeting = SampleMeetings.Retrospective() with
        {
            Columns = [new RetroColumn { Name = "Everything", Cards = cards }],
            ActionItems = Enumerable.Range(1, 200).Select(i => new ActionItem { Text = $"Action {i}", Owner = "Owner " + i }).ToList(),
        };

        var pdf = renderer.Render(meeting);

        using var document = PdfDocument.Open(pdf);
        Assert.InRange(document.NumberOfPages, 10, 200);
        var text = Words(pdf);
        Assert.Contains("Card number 500", text, StringComparison.Ordinal);
        Assert.Contains("Action 200", text, StringComparison.Ordinal);
        // The table header repeats on every page the action items span.
        // Pages with an action item ("Action 17"), not the summary's "Action items" row.
        var actionPages = document.GetPages().Count(p => System.Text.RegularExpressions.Regex.IsMatch(string.Join(' ', p.GetWords().Select(w => w.Text)), @"Action \d+"));
        var headerPages = document.GetPages().Count(p => string.Join(' ', p.GetWords().Select(w => w.Text)).Contains("Action Owner Due Status", StringComparison.Ordinal));
        Assert.True(actionPages >= 2 && headerPages == actionPages, $"{actionPages} pages with actions, {headerPages} with the header");
    }

    [Fact]
    public void A_word_longer_than_the_page_is_wrapped_not_lost()
    {
        var word = string.Concat(Enumerable.Repeat("abcdefghij", 60));
        var meeting = SampleMeetings.Retrospective() with { Columns = [new RetroColumn { Name = "Long", Cards = [new RetroCard { Text = word }] }] };

        // Words are read back by position: drop spaces and the votes column's digits that sit beside the wrapped lines.
        var text = string.Concat(Words(renderer.Render(meeting)).Where(char.IsLetter));

        Assert.Contains(word, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_of_200000_characters_shows_its_first_20000_and_an_ellipsis_across_pages()
    {
        static MeetingCompleted WithCard(string text) => SampleMeetings.Retrospective() with { Columns = [new RetroColumn { Name = "Long", Cards = [new RetroCard { Text = text }] }] };
        // The card's wrapped lines read back as words of nothing but 'a' (the last one ending in the ellipsis).
        static int CardLetters(byte[] pdf, out bool ellipsis)
        {
            using var document = PdfDocument.Open(pdf);
            var words = document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).Where(w => w.TrimEnd('…').All(c => c == 'a')).ToList();
            ellipsis = words.Any(w => w.Length > 1 && w.EndsWith('…'));
            return words.Sum(w => w.TrimEnd('…').Length);
        }

        var baseline = CardLetters(renderer.Render(WithCard("")), out _);
        var card = CardLetters(renderer.Render(WithCard(new string('a', 200_000))), out var cut);

        Assert.Equal(PdfLayout.MaxBlockChars, card - baseline);
        Assert.True(cut, "the cut is marked with an ellipsis right after the text");
        using var document = PdfDocument.Open(renderer.Render(WithCard(new string('a', 200_000))));
        Assert.True(document.NumberOfPages >= 5, $"a cell taller than a page continues on the next pages ({document.NumberOfPages} pages)");
    }

    [Fact]
    public void Wrapping_measures_each_glyph_once_however_long_the_text()
    {
        int Measurements(int length)
        {
            var layout = new PdfLayout(new TeamRetro.Confluence.Publishing.Rendering.Pdf.PdfDrawing());
            layout.Table(["Card", "Votes"], [0.85, 0.15], [[new string('a', length) + " b " + new string('a', length), "1"]]);
            layout.Paragraph(new string('a', length));
            return layout.Measurements;
        }

        // Before, every cut of an over-wide word re-measured the rest: quadratic in the word's length. Now each word and grapheme is shaped once.
        Assert.Equal(Measurements(1_000), Measurements(9_000));
        Assert.InRange(Measurements(9_000), 1, 20);
    }

    [Fact]
    public void A_pdf_past_its_deadline_fails_for_good_with_a_reason()
    {
        var hurried = new ReportPdfRenderer(Options.Create(new PdfRenderOptions { PdfRenderTimeout = TimeSpan.FromTicks(1) }));

        var e = Assert.Throws<PublicationFailedException>(() => hurried.Render(SampleMeetings.Retrospective()));

        Assert.True(e.IsPermanent);
        Assert.Contains("Publication:PdfRenderTimeout", e.Message, StringComparison.Ordinal);
        Assert.Contains("took longer than", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pdf_deadline_is_read_from_configuration()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Publication:PdfRenderTimeout"] = "00:00:00" }).Build();
        using var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .Configure<PdfRenderOptions>(configuration.GetSection(PdfRenderOptions.Section))
            .AddSingleton<ReportPdfRenderer>().BuildServiceProvider();

        var configured = services.GetRequiredService<ReportPdfRenderer>();

        Assert.Throws<PublicationFailedException>(() => configured.Render(SampleMeetings.HealthCheck()));
    }

    static string FirstDifference(byte[] a, byte[] b)
    {
        var i = 0;
        while (i < Math.Min(a.Length, b.Length) && a[i] == b[i])
            i++;
        string Around(byte[] x) => Encoding.Latin1.GetString(x, Math.Max(0, i - 60), Math.Min(120, x.Length - Math.Max(0, i - 60)));
        return $"lengths {a.Length}/{b.Length}, first difference at {i}: «{Around(a)}» vs «{Around(b)}»";
    }
}
