using System.Runtime.InteropServices;
using HarfBuzzSharp;

namespace TeamRetro.Confluence.Publishing.Rendering.Pdf;

/// <summary>One font file served from the assembly, as a HarfBuzz face (subset and embedded per PDF) and a font to shape with.</summary>
internal sealed class EmbeddedFont
{
    EmbeddedFont(int index, string file, bool simulateBold, bool latinLigatures)
    {
        Features = latinLigatures ? [] : [Feature.Parse("-liga")];
        Index = index;
        File = file;
        SimulateBold = simulateBold;
        var data = Read(file);
        // HarfBuzz reads the font from this memory for the process's lifetime, so it is copied out of the managed heap
        // (where the GC may move it) and never freed. Blob.FromStream does not keep its copy in place.
        var memory = Marshal.AllocHGlobal(data.Length);
        Marshal.Copy(data, 0, memory, data.Length);
        using var blob = new Blob(memory, data.Length, MemoryMode.ReadOnly);
        Face = new Face(blob, 0);
        UnitsPerEm = Face.UnitsPerEm;
        Shaper = new Font(Face);
        Shaper.SetScale(UnitsPerEm, UnitsPerEm);
        var extents = Shaper.TryGetHorizontalFontExtents(out var e) ? e : default;
        Ascent = extents.Ascender / (float)UnitsPerEm;
    }

    public static EmbeddedFont Load(int index, string file, bool simulateBold = false, bool latinLigatures = true) => new(index, file, simulateBold, latinLigatures);

    /// <summary>
    /// OpenType features turned off when shaping. DejaVu's "fi"/"fl" ligatures map back to U+FB01/U+FB02 in text
    /// extraction (readers ignore the ActualText Skia adds), so search in the PDF would miss "flaky": they are off.
    /// </summary>
    public Feature[] Features { get; }

    /// <summary>Position in <see cref="EmbeddedFonts.All"/>: the key a PDF collects used glyphs under.</summary>
    public int Index { get; }

    public string File { get; }

    public Face Face { get; }

    /// <summary>Shaping is read-only on the font, so one instance serves every render (HarfBuzz fonts are thread-safe once made).</summary>
    public Font Shaper { get; }

    public int UnitsPerEm { get; }

    /// <summary>The ascender as a fraction of the font size.</summary>
    public float Ascent { get; }

    /// <summary>Bold text in a font with no bold face is emboldened by Skia.</summary>
    public bool SimulateBold { get; }

    public bool Has(int codePoint) => Shaper.TryGetGlyph((uint)codePoint, out var glyph) && glyph != 0;

    static byte[] Read(string file)
    {
        var assembly = typeof(EmbeddedFont).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Fonts." + file, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
