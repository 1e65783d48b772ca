using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Rendering;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

/// <summary>Chinese, Japanese and Korean text, which DejaVu Sans lacks, is drawn with the embedded fallback font.</summary>
public sealed class PdfFallbackFontTests
{
    const string Japanese = "日本語のレビューが速い";
    const string Chinese = "中文测试通过";
    const string Korean = "한국어 회고";
    readonly ReportPdfRenderer renderer = new();

    static MeetingCompleted Meeting() => SampleMeetings.Retrospective() with
    {
        Columns =
        [
            new RetroColumn
            {
                Name = "Went well 良かった",
                Cards =
                [
                    new RetroCard { Text = $"Release {Japanese} today", Votes = 2 },
                    new RetroCard { Text = $"{Chinese} in CI", Votes = 1 },
                    new RetroCard { Text = $"Retro: {Korean} notes", Votes = 1, Group = "팀" },
                ],
            },
        ],
        ActionItems = [new ActionItem { Text = $"Translate {Chinese}", Owner = "山田太郎" }],
    };

    static List<Letter> Letters(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().SelectMany(p => p.Letters).ToList();
    }

    static bool IsFallback(Letter letter) => (letter.FontName ?? "").Contains("DroidSansFallback", StringComparison.Ordinal);

    static bool IsDejaVu(Letter letter) => (letter.FontName ?? "").Contains("DejaVu", StringComparison.Ordinal);

    [Fact]
    public void Cjk_text_reads_back_in_the_fallback_font_and_latin_stays_in_dejavu()
    {
        var letters = Letters(renderer.Render(Meeting()));
        var text = string.Concat(letters.Select(l => l.Value));

        foreach (var expected in new[] { Japanese, Chinese, Korean.Replace(" ", "", StringComparison.Ordinal), "良かった", "팀", "山田太郎" })
            Assert.Contains(expected, text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var cjk = letters.Where(l => l.Value.Any(IsCjk)).ToList();
        var latin = letters.Where(l => l.Value.Any(char.IsAsciiLetter)).ToList();
        Assert.NotEmpty(cjk);
        // Bold CJK (the column heading) is Droid Sans Fallback emboldened, which Skia writes as a Type 3 outline font.
        Assert.All(cjk, l => Assert.True(IsFallback(l) || (l.FontName ?? "").StartsWith("Type3", StringComparison.Ordinal), $"'{l.Value}' is drawn in {l.FontName}"));
        Assert.Contains(cjk, l => IsFallback(l));
        Assert.All(latin, l => Assert.True(IsDejaVu(l), $"'{l.Value}' is drawn in {l.FontName}"));

        // "Release 日本語…": the fallback run continues the DejaVu run on the same line, on the same baseline.
        var first = letters.FindIndex(l => l.Value == "日");
        var before = letters.Take(first).Last(l => !string.IsNullOrWhiteSpace(l.Value));
        Assert.Equal("e", before.Value);
        Assert.Equal(before.StartBaseLine.Y, letters[first].StartBaseLine.Y, 3);
        Assert.True(letters[first].StartBaseLine.X > before.EndBaseLine.X, "the fallback run overlaps the text before it");
    }

    [Fact]
    public void A_long_cjk_line_without_spaces_wraps_inside_the_page()
    {
        var line = string.Concat(Enumerable.Repeat(Japanese + Chinese, 12));
        var meeting = Meeting() with { Columns = [new RetroColumn { Name = "Long", Cards = [new RetroCard { Text = line }] }] };

        using var document = PdfDocument.Open(renderer.Render(meeting));
        var page = document.GetPage(1);
        var cardLetters = page.Letters.Where(l => l.Value.Any(IsCjk)).ToList();

        // Measured with the fallback font's widths, every line ends inside the card column (85% of the text width).
        var columnRight = 50 + 0.85 * (page.Width - 100);
        Assert.All(cardLetters, l => Assert.True(l.BoundingBox.Right <= columnRight + 0.5, $"'{l.Value}' ends at {l.BoundingBox.Right:0.0}, past {columnRight:0.0}"));
        Assert.Contains(line, string.Concat(cardLetters.Select(l => l.Value)), StringComparison.Ordinal);
        Assert.True(cardLetters.Select(l => Math.Round(l.StartBaseLine.Y)).Distinct().Count() > 1, "the line was not wrapped");
    }

    [Fact]
    public void Same_meeting_with_cjk_gives_the_same_bytes()
    {
        var meeting = Meeting();

        Assert.Equal(renderer.Render(meeting), renderer.Render(meeting));
    }

    static bool IsCjk(char c) => c is >= '\u3040' and <= '\u30ff' or >= '\u4e00' and <= '\u9fff' or >= '\uac00' and <= '\ud7a3';
}
