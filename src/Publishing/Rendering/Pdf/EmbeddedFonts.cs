using System.Text;

namespace TeamRetro.Confluence.Publishing.Rendering.Pdf;

/// <summary>
/// The fonts the PDF draws with, all served from the assembly so a fresh machine needs none installed (licences in
/// Fonts/LICENSE-*.txt). Each grapheme takes the first font that has every one of its characters: DejaVu Sans (Latin,
/// Greek, Cyrillic, Hebrew…), Noto Sans Devanagari and Thai, Droid Sans Fallback (Chinese, Japanese, Korean), then Noto
/// Color Emoji. Arabic prefers Noto Sans Arabic, emoji sequences prefer Noto Color Emoji. A grapheme no font has stays
/// with DejaVu Sans (its missing-glyph box).
/// </summary>
internal static class EmbeddedFonts
{
    public static readonly EmbeddedFont Regular = EmbeddedFont.Load(0, "DejaVuSans.ttf", latinLigatures: false);
    public static readonly EmbeddedFont Bold = EmbeddedFont.Load(1, "DejaVuSans-Bold.ttf", latinLigatures: false);
    public static readonly EmbeddedFont Arabic = EmbeddedFont.Load(2, "NotoSansArabic-Regular.ttf", simulateBold: true);
    public static readonly EmbeddedFont Devanagari = EmbeddedFont.Load(3, "NotoSansDevanagari-Regular.ttf", simulateBold: true);
    public static readonly EmbeddedFont Thai = EmbeddedFont.Load(4, "NotoSansThai-Regular.ttf", simulateBold: true);
    public static readonly EmbeddedFont Cjk = EmbeddedFont.Load(5, "DroidSansFallback.ttf", simulateBold: true);
    public static readonly EmbeddedFont Emoji = EmbeddedFont.Load(6, "NotoColorEmoji.ttf");

    public static readonly IReadOnlyList<EmbeddedFont> All = [Regular, Bold, Arabic, Devanagari, Thai, Cjk, Emoji];

    /// <summary>The font for one grapheme (a user-perceived character: "👩‍💻", "नि", "🇩🇪").</summary>
    public static EmbeddedFont For(ReadOnlySpan<char> grapheme, bool bold)
    {
        var primary = bold ? Bold : Regular;
        if (IsEmojiSequence(grapheme) && Covers(Emoji, grapheme))
            return Emoji;
        if (IsArabic(grapheme) && Covers(Arabic, grapheme))
            return Arabic;
        if (Covers(primary, grapheme))
            return primary;
        foreach (var font in (ReadOnlySpan<EmbeddedFont>)[Arabic, Devanagari, Thai, Cjk, Emoji])
        {
            if (Covers(font, grapheme))
                return font;
        }

        return primary;
    }

    /// <summary>Every character but joiners and variation selectors, which only steer shaping, has a glyph.</summary>
    static bool Covers(EmbeddedFont font, ReadOnlySpan<char> grapheme)
    {
        foreach (var rune in grapheme.EnumerateRunes())
        {
            if (!IsFormatOnly(rune.Value) && !font.Has(rune.Value))
                return false;
        }

        return true;
    }

    static bool IsFormatOnly(int c) => c is 0x200C or 0x200D or >= 0xFE00 and <= 0xFE0F or >= 0xE0020 and <= 0xE007F;

    /// <summary>Pictographs, or anything asking for emoji presentation: VS16, a ZWJ, a skin tone, a flag's regional indicators.</summary>
    static bool IsEmojiSequence(ReadOnlySpan<char> grapheme)
    {
        foreach (var rune in grapheme.EnumerateRunes())
        {
            if (rune.Value is 0xFE0F or 0x200D or >= 0x1F1E6 and <= 0x1F1FF or >= 0x1F3FB and <= 0x1F3FF or >= 0x1F000 and <= 0x1FAFF)
                return true;
        }

        return false;
    }

    static bool IsArabic(ReadOnlySpan<char> grapheme) =>
        Rune.DecodeFromUtf16(grapheme, out var first, out _) == System.Buffers.OperationStatus.Done && Bidi.IsArabic(first.Value);
}
