using System.Globalization;
using System.Text;

namespace TeamRetro.Confluence.Publishing.Rendering.Pdf;

/// <summary>One stretch of a line drawn with one font in one direction; <see cref="Text"/> is in logical order.</summary>
internal readonly record struct TextRun(string Text, EmbeddedFont Font, bool RightToLeft, bool Bold);

/// <summary>
/// Splits a line into runs of one font and direction and puts them in visual order: a reduced Unicode bidirectional
/// algorithm (UAX #9) for text without embedding controls. Hebrew and Arabic are right to left, other letters left to
/// right, digits after right-to-left text keep their own order, neutrals between two runs of one direction join it, and
/// the paragraph direction is that of its first strong character. HarfBuzz then shapes each right-to-left run into
/// glyphs in visual order. The full algorithm's explicit embeddings and bracket pairs are not needed for card text.
/// </summary>
internal static class Bidi
{
    enum Kind { Left, Right, Digit, Neutral }

    public static bool IsRightToLeft(int c) => c is >= 0x0590 and <= 0x08FF or >= 0xFB1D and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF or >= 0x10800 and <= 0x10FFF or >= 0x1E800 and <= 0x1EFFF;

    public static bool IsArabic(int c) => c is >= 0x0600 and <= 0x06FF or >= 0x0750 and <= 0x077F or >= 0x08A0 and <= 0x08FF or >= 0xFB50 and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF;

    public static List<TextRun> VisualRuns(string line, bool bold)
    {
        var graphemes = Graphemes(line);
        if (graphemes.Count == 0)
            return [];
        var kinds = graphemes.Select(g => KindOf(line, g)).ToArray();
        var rtlParagraph = kinds.FirstOrDefault(k => k is Kind.Left or Kind.Right) == Kind.Right;
        var levels = Levels(kinds, rtlParagraph);

        // Logical runs: consecutive graphemes of one level and one font (a space keeps the font before it if it can, unless that is the emoji font).
        var runs = new List<(int Start, int End, int Level, EmbeddedFont Font)>();
        EmbeddedFont? previous = null;
        for (var i = 0; i < graphemes.Count; i++)
        {
            var (start, length) = graphemes[i];
            var text = line.AsSpan(start, length);
            // A space after an emoji goes back to the text font: the emoji font's space is as wide as an emoji.
            var font = kinds[i] == Kind.Neutral && previous is not null && previous != EmbeddedFonts.Emoji && Covers(previous, text) ? previous : EmbeddedFonts.For(text, bold);
            if (runs.Count > 0 && runs[^1].Level == levels[i] && runs[^1].Font == font)
                runs[^1] = runs[^1] with { End = start + length };
            else
                runs.Add((start, start + length, levels[i], font));
            previous = font;
        }

        // Rule L2: from the highest level down to the lowest odd one, reverse every sequence of runs at that level or higher.
        var maxLevel = runs.Max(r => r.Level);
        var lowestOdd = runs.Where(r => r.Level % 2 == 1).Select(r => r.Level).DefaultIfEmpty(int.MaxValue).Min();
        for (var level = maxLevel; level >= lowestOdd; level--)
        {
            for (var i = 0; i < runs.Count;)
            {
                if (runs[i].Level < level)
                {
                    i++;
                    continue;
                }

                var end = i;
                while (end < runs.Count && runs[end].Level >= level)
                    end++;
                runs.Reverse(i, end - i);
                i = end;
            }
        }

        return runs.Select(r => new TextRun(line[r.Start..r.End], r.Font, r.Level % 2 == 1, bold)).ToList();
    }

    public static List<(int Start, int Length)> Graphemes(string text)
    {
        var graphemes = new List<(int, int)>();
        for (var i = 0; i < text.Length;)
        {
            var length = StringInfo.GetNextTextElementLength(text.AsSpan(i));
            graphemes.Add((i, length));
            i += length;
        }

        return graphemes;
    }

    static bool Covers(EmbeddedFont font, ReadOnlySpan<char> text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!font.Has(rune.Value))
                return false;
        }

        return true;
    }

    static Kind KindOf(string line, (int Start, int Length) grapheme)
    {
        Rune.DecodeFromUtf16(line.AsSpan(grapheme.Start, grapheme.Length), out var rune, out _);
        if (IsRightToLeft(rune.Value))
            return Kind.Right;
        if (Rune.IsDigit(rune))
            return Kind.Digit;
        return Rune.IsLetter(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.SpacingCombiningMark or UnicodeCategory.NonSpacingMark ? Kind.Left : Kind.Neutral;
    }

    /// <summary>Embedding levels: even is left to right. Rules W7, N1, N2, I1 and I2 of UAX #9 for one paragraph.</summary>
    static int[] Levels(Kind[] kinds, bool rtlParagraph)
    {
        var paragraph = rtlParagraph ? 1 : 0;

        // W7: a digit after left-to-right text (or at the start of a left-to-right paragraph) is left to right.
        var resolved = new Kind[kinds.Length];
        var lastStrong = rtlParagraph ? Kind.Right : Kind.Left;
        for (var i = 0; i < kinds.Length; i++)
        {
            resolved[i] = kinds[i] == Kind.Digit && lastStrong == Kind.Left ? Kind.Left : kinds[i];
            if (kinds[i] is Kind.Left or Kind.Right)
                lastStrong = kinds[i];
        }

        // N1/N2: neutrals between text of one direction take it (digits count as right to left), others the paragraph's.
        for (var i = 0; i < resolved.Length;)
        {
            if (resolved[i] != Kind.Neutral)
            {
                i++;
                continue;
            }

            var end = i;
            while (end < resolved.Length && resolved[end] == Kind.Neutral)
                end++;
            var before = i == 0 ? (rtlParagraph ? Kind.Right : Kind.Left) : Direction(resolved[i - 1]);
            var after = end == resolved.Length ? (rtlParagraph ? Kind.Right : Kind.Left) : Direction(resolved[end]);
            var direction = before == after ? before : (rtlParagraph ? Kind.Right : Kind.Left);
            for (var j = i; j < end; j++)
                resolved[j] = direction == Kind.Right ? Kind.Right : Kind.Left;
            i = end;
        }

        // I1/I2: right to left is odd, and digits sit one level above right-to-left text.
        return resolved.Select(k => k switch
        {
            Kind.Right => 1,
            Kind.Digit => 2,
            _ => paragraph == 0 ? 0 : 2,
        }).ToArray();
    }

    static Kind Direction(Kind kind) => kind == Kind.Digit ? Kind.Right : kind;
}
