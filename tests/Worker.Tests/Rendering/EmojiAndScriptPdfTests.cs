using TeamRetro.Confluence.Publishing.Rendering;
using TeamRetro.Confluence.Publishing.Rendering.Pdf;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using static TeamRetro.Confluence.Worker.Tests.Rendering.MultilingualMeetings;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

/// <summary>Emoji and shaped scripts in the PDF: read back with PdfPig as a reader's search or copy would, and shaped as HarfBuzz shapes them.</summary>
public sealed class EmojiAndScriptPdfTests
{
    readonly ReportPdfRenderer renderer = new();

    static List<Letter> Letters(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().SelectMany(p => p.Letters).ToList();
    }

    [Fact]
    public void Single_emoji_zwj_sequences_skin_tones_and_flags_read_back_as_typed()
    {
        var text = string.Concat(Letters(renderer.Render(Retrospective())).Select(l => l.Value));

        foreach (var emoji in new[] { Rocket, Technologist, RaisingHand, ThumbsUpMediumSkin, Flag, "🎉", "🌍", "✅" })
            Assert.Contains(emoji, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Emoji_are_drawn_from_the_colour_emoji_font_and_latin_from_dejavu()
    {
        var letters = Letters(renderer.Render(Retrospective()));

        // Skia draws colour glyphs as a Type 3 font of images; the text of each is the emoji typed.
        var technologist = letters.First(l => l.Value == Technologist);
        Assert.DoesNotContain("DejaVu", technologist.FontName ?? "", StringComparison.Ordinal);
        Assert.Contains(letters, l => l.Value == "F" && (l.FontName ?? "").Contains("DejaVuSans", StringComparison.Ordinal));
    }

    [Fact]
    public void Thai_reads_back_and_comes_from_noto_sans_thai()
    {
        var letters = Letters(renderer.Render(Retrospective()));

        Assert.Contains(MultilingualMeetings.Thai, string.Concat(letters.Select(l => l.Value)), StringComparison.Ordinal);
        Assert.All(letters.Where(l => l.Value.Any(c => c is >= '\u0E00' and <= '\u0E7F')), l => Assert.Contains("NotoSansThai", l.FontName ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public void Arabic_is_joined_and_its_glyphs_run_right_to_left()
    {
        var run = Bidi.VisualRuns("سريعة", bold: false).Single();
        var shaped = ShapedRun.Shape(run, 10);

        Assert.True(run.RightToLeft);
        Assert.Same(EmbeddedFonts.Arabic, run.Font);
        // Joined letters take their initial, medial and final forms: not the glyphs the characters map to on their own.
        var isolated = run.Text.Select(c => { EmbeddedFonts.Arabic.Shaper.TryGetGlyph(c, out var g); return (ushort)g; }).ToHashSet();
        Assert.True(shaped.Glyphs.Count(g => !isolated.Contains(g)) >= 3, "the letters were not joined");
        // Glyphs are in visual order: the first drawn (leftmost) comes from the last character typed.
        Assert.True(shaped.Clusters[0] > shaped.Clusters[^1], string.Join(",", shaped.Clusters));
    }

    [Fact]
    public void Devanagari_forms_conjuncts_and_puts_the_i_sign_before_its_consonant()
    {
        var conjunct = ShapedRun.Shape(Bidi.VisualRuns("क्ष", bold: false).Single(), 10);
        var ki = ShapedRun.Shape(Bidi.VisualRuns("कि", bold: false).Single(), 10);

        Assert.Same(EmbeddedFonts.Devanagari, Bidi.VisualRuns("क्ष", bold: false).Single().Font);
        Assert.Single(conjunct.Glyphs); // KA + VIRAMA + SSA is one glyph, KSSA
        EmbeddedFonts.Devanagari.Shaper.TryGetGlyph('ि', out var iSign);
        Assert.Equal(2, ki.Glyphs.Length);
        Assert.True(ki.Glyphs[0] == iSign || ki.X[0] < ki.X[1], "the i sign is not drawn first");
        Assert.NotEqual(0, ki.Glyphs[0]);
    }

    [Fact]
    public void Hebrew_inside_english_is_drawn_right_to_left_between_the_english_runs()
    {
        var runs = Bidi.VisualRuns($"Deploy {Hebrew} v3 then", bold: false);

        Assert.Equal(["Deploy ", Hebrew, " v3 then"], runs.Select(r => r.Text));
        Assert.Equal([false, true, false], runs.Select(r => r.RightToLeft));
    }

    [Fact]
    public void An_arabic_paragraph_with_a_number_reads_right_to_left_and_the_number_left_to_right()
    {
        var runs = Bidi.VisualRuns("المراجعة 42 سريعة", bold: false);

        // Visual order, left to right: the last word, the number (its digits in their own order), the first word.
        Assert.Equal(["سريعة", "42", "المراجعة"], runs.Select(r => r.Text.Trim()).Where(t => t.Length > 0));
        Assert.False(runs.Single(r => r.Text.Contains("42", StringComparison.Ordinal)).RightToLeft);
    }
}
