using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>
/// A font and the font to use for the characters it has no glyph for. Text is split into runs, each to be measured
/// and drawn with one font: the primary font wherever it has the glyph, the fallback for characters only the fallback
/// has. Characters neither has stay with the primary font (its missing-glyph box). Spaces continue the current run.
/// </summary>
internal sealed class FontWithFallback(XFont primary, XFont fallback)
{
    public XFont Primary => primary;

    public IEnumerable<(string Text, XFont Font)> Runs(string text)
    {
        XFont? current = null;
        var start = 0;
        for (var i = 0; i < text.Length;)
        {
            // A lone surrogate decodes as U+FFFD, one char long: it stays with the primary font as before.
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length);
            var font = FontFor(rune, current);
            if (current is not null && font != current)
            {
                yield return (text[start..i], current);
                start = i;
            }

            current = font;
            i += length;
        }

        if (current is not null)
            yield return (text[start..], current);
    }

    /// <summary>The font for one character that follows a character drawn in <paramref name="current"/> (null at a line's start).</summary>
    public XFont FontFor(Rune rune, XFont? current)
    {
        if (current is not null && Rune.IsWhiteSpace(rune) && HasGlyph(current, rune))
            return current;
        return HasGlyph(primary, rune) || !HasGlyph(fallback, rune) ? primary : fallback;
    }

    static bool HasGlyph(XFont font, Rune rune) => GlyphHelper.GlyphIndexFromCodePoint(rune.Value, font) != 0;
}
