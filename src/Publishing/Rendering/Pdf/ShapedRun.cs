using HarfBuzzSharp;
using Buffer = HarfBuzzSharp.Buffer;

namespace TeamRetro.Confluence.Publishing.Rendering.Pdf;

/// <summary>
/// A run shaped by HarfBuzz: glyphs in visual order with their pen positions (in points, from the run's start), and
/// for each glyph the UTF-16 index of the text it came from, so the PDF can map "👩‍💻" or a ligature back to its text.
/// </summary>
internal sealed class ShapedRun
{
    ShapedRun(TextRun run, float size, ushort[] glyphs, float[] x, float[] y, uint[] clusters, float width)
    {
        Run = run;
        Size = size;
        Glyphs = glyphs;
        X = x;
        Y = y;
        Clusters = clusters;
        Width = width;
    }

    public TextRun Run { get; }

    public float Size { get; }

    public ushort[] Glyphs { get; }

    public float[] X { get; }

    /// <summary>Vertical offsets (marks above or below), PDF-downwards positive.</summary>
    public float[] Y { get; }

    public uint[] Clusters { get; }

    public float Width { get; }

    public static ShapedRun Shape(TextRun run, float size)
    {
        var font = run.Font;
        using var buffer = new Buffer();
        buffer.AddUtf16(run.Text);
        buffer.GuessSegmentProperties();
        buffer.Direction = run.RightToLeft ? Direction.RightToLeft : Direction.LeftToRight;
        font.Shaper.Shape(buffer, font.Features);

        var infos = buffer.GlyphInfos;
        var positions = buffer.GlyphPositions;
        var scale = size / font.UnitsPerEm;
        var glyphs = new ushort[infos.Length];
        var x = new float[infos.Length];
        var y = new float[infos.Length];
        var clusters = new uint[infos.Length];
        var pen = 0f;
        for (var i = 0; i < infos.Length; i++)
        {
            glyphs[i] = (ushort)infos[i].Codepoint;
            clusters[i] = infos[i].Cluster;
            x[i] = pen + positions[i].XOffset * scale;
            y[i] = -positions[i].YOffset * scale;
            pen += positions[i].XAdvance * scale;
        }

        return new ShapedRun(run, size, glyphs, x, y, clusters, pen);
    }
}
