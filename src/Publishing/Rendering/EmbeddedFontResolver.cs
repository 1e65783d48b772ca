using PdfSharp.Fonts;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>
/// PDFsharp finds no system fonts on Linux, and a fresh machine may have none: serve our fonts from the assembly.
/// DejaVu Sans (Fonts/LICENSE-DejaVu.txt; Latin, Greek, Cyrillic and more) for every family asked for, except
/// <see cref="Fallback"/>: Droid Sans Fallback (Fonts/LICENSE-DroidSansFallback.txt, Apache-2.0; Chinese, Japanese,
/// Korean), for the characters DejaVu lacks. It has no bold face, so bold is simulated.
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    public const string Fallback = "Droid Sans Fallback";
    const string Regular = "DejaVuSans.ttf";
    const string Bold = "DejaVuSans-Bold.ttf";
    const string FallbackFace = "DroidSansFallback.ttf";
    static readonly object Gate = new();

    /// <summary>PDFsharp's resolver is process-global: install ours once.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFontResolver)
                GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => familyName == Fallback
        ? new(FallbackFace, mustSimulateBold: bold, mustSimulateItalic: italic)
        : new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName)
    {
        var assembly = typeof(EmbeddedFontResolver).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Fonts." + faceName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
