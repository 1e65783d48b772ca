using System.Runtime.InteropServices;

namespace TeamRetro.Confluence.Publishing.Rendering.Pdf;

/// <summary>
/// Skia's PDF backend as SkiaSharp ships it embeds every font whole (10 MB for the emoji font), so each PDF embeds
/// subsets made here with HarfBuzz's subsetter, which the HarfBuzzSharp native library exports but the managed API does
/// not wrap. Glyph ids are retained, so the runs shaped against the full font draw unchanged with the subset.
/// </summary>
internal static partial class FontSubsetter
{
    const string Library = "libHarfBuzzSharp";
    const uint RetainGlyphIds = 0x2;
    const uint NoHinting = 0x1;

    /// <exception cref="InvalidOperationException">HarfBuzz could not subset the font.</exception>
    public static byte[] Subset(EmbeddedFont font, IEnumerable<ushort> glyphs, IEnumerable<int> codePoints)
    {
        var input = hb_subset_input_create_or_fail();
        if (input == 0)
            throw new InvalidOperationException("HarfBuzz could not allocate a subset input.");
        try
        {
            hb_subset_input_set_flags(input, RetainGlyphIds | NoHinting);
            // Glyphs are kept by the characters they came from: HarfBuzz's closure over the font's substitutions keeps every
            // form shaping can reach (joined Arabic, conjuncts, "👩‍💻"). Asking for glyph ids directly would also keep the
            // private-use code points Noto Color Emoji maps flags to, and readers would extract those instead of "🇩🇪".
            var glyphSet = hb_subset_input_glyph_set(input);
            foreach (var glyph in glyphs.Where(g => g == 0))
                hb_set_add(glyphSet, glyph);
            var unicodeSet = hb_subset_input_unicode_set(input);
            foreach (var codePoint in codePoints)
                hb_set_add(unicodeSet, (uint)codePoint);

            var subset = hb_subset_or_fail(font.Face.Handle, input);
            if (subset == 0)
                throw new InvalidOperationException($"HarfBuzz could not subset {font.File}.");
            var blob = hb_face_reference_blob(subset);
            try
            {
                var data = hb_blob_get_data(blob, out var length);
                var bytes = new byte[length];
                Marshal.Copy(data, bytes, 0, (int)length);
                return bytes;
            }
            finally
            {
                hb_blob_destroy(blob);
                hb_face_destroy(subset);
            }
        }
        finally
        {
            hb_subset_input_destroy(input);
        }
    }

    [LibraryImport(Library)]
    private static partial nint hb_subset_input_create_or_fail();

    [LibraryImport(Library)]
    private static partial void hb_subset_input_destroy(nint input);

    [LibraryImport(Library)]
    private static partial void hb_subset_input_set_flags(nint input, uint flags);

    [LibraryImport(Library)]
    private static partial nint hb_subset_input_glyph_set(nint input);

    [LibraryImport(Library)]
    private static partial nint hb_subset_input_unicode_set(nint input);

    [LibraryImport(Library)]
    private static partial void hb_set_add(nint set, uint codePoint);

    [LibraryImport(Library)]
    private static partial nint hb_subset_or_fail(nint face, nint input);

    [LibraryImport(Library)]
    private static partial nint hb_face_reference_blob(nint face);

    [LibraryImport(Library)]
    private static partial void hb_face_destroy(nint face);

    [LibraryImport(Library)]
    private static partial nint hb_blob_get_data(nint blob, out uint length);

    [LibraryImport(Library)]
    private static partial void hb_blob_destroy(nint blob);
}
