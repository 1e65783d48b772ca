using TeamRetro.Confluence.Publishing.Rendering;
using TeamRetro.Confluence.Publishing.Rendering.Pdf;
using UglyToad.PdfPig;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

/// <summary>Text that breaks naive PDF exporters renders, and only a character no embedded font has becomes a box.</summary>
public sealed class PdfBadInputTests
{
    readonly ReportPdfRenderer renderer = new();

    /// <summary>The glyph runs one card is laid out as.</summary>
    static List<DrawText> CardRuns(string text)
    {
        var drawing = new PdfDrawing();
        new PdfLayout(drawing).Table(["Card", "Votes"], [0.85, 0.15], [[text, "1"]]);
        return drawing.Pages.SelectMany(p => p).OfType<DrawText>().Where(t => t.Run.Run.Text is not ("Card" or "Votes" or "1")).ToList();
    }

    static int Boxes(IEnumerable<DrawText> runs) => runs.Sum(r => r.Run.Glyphs.Count(g => g == 0));

    [Fact]
    public void A_card_of_only_emoji_is_drawn_entirely_from_the_emoji_font()
    {
        var runs = CardRuns("🚀🎉👩‍💻🙋‍♀️👍🏽🇩🇪");

        Assert.NotEmpty(runs);
        Assert.All(runs, r => Assert.Same(EmbeddedFonts.Emoji, r.Run.Run.Font));
        Assert.Equal(0, Boxes(runs));
        Assert.Equal(6, runs.Sum(r => r.Run.Glyphs.Length)); // one glyph per emoji, sequences included
    }

    [Fact]
    public void A_card_of_10000_emoji_wraps_across_pages_and_reads_back_whole()
    {
        var card = string.Concat(Enumerable.Repeat("😀", 10_000));

        Assert.Equal(0, Boxes(CardRuns(card)));
        using var document = PdfDocument.Open(renderer.Render(MultilingualMeetings.WithCard(card)));
        Assert.True(document.NumberOfPages > 3, $"{document.NumberOfPages} pages");
        // The card whole in its column, and its first graphemes quoted as the top-voted card in the summary.
        Assert.Equal(10_000 + ReportPdfRenderer.SummaryGraphemes, document.GetPages().SelectMany(p => p.Letters).Count(l => l.Value == "😀"));
    }

    [Fact]
    public void Mixed_right_to_left_and_left_to_right_text_renders_without_a_box()
    {
        var card = $"Release {MultilingualMeetings.Hebrew} 2.1 and {MultilingualMeetings.Arabic} (v3) ok";

        Assert.Equal(0, Boxes(CardRuns(card)));
        var text = Letters(renderer.Render(MultilingualMeetings.WithCard(card)));
        Assert.Contains("Release", text, StringComparison.Ordinal);
        Assert.Contains("ok", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_character_no_embedded_font_has_is_the_only_box()
    {
        const int signWriting = 0x1D800;
        Assert.All(EmbeddedFonts.All, f => Assert.False(f.Has(signWriting), $"{f.File} has U+1D800: pick another character"));

        var runs = CardRuns($"before {char.ConvertFromUtf32(signWriting)} after 🚀 हिन्दी");

        Assert.Equal(1, Boxes(runs));
        Assert.Contains(runs, r => r.Run.Run.Font == EmbeddedFonts.Emoji);
        Assert.Contains(runs, r => r.Run.Run.Font == EmbeddedFonts.Devanagari);
        Assert.NotEmpty(renderer.Render(MultilingualMeetings.WithCard($"x {char.ConvertFromUtf32(signWriting)} y")));
    }

    static string Letters(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value));
    }
}
