using System.Text;
using SkiaSharp;

namespace TeamRetro.Confluence.Publishing.Rendering.Pdf;

/// <summary>
/// Paints a <see cref="PdfDrawing"/> with Skia's PDF backend: fonts embedded as subsets of the glyphs used, colour emoji
/// as Skia's colour glyphs, and every glyph run carrying its text and clusters, so text extraction reads "👩‍💻" or
/// joined Arabic back as the characters typed. Skia writes no clock time and no random id when the dates are given.
/// </summary>
internal static class SkiaPdfWriter
{
    public static byte[] Write(PdfDrawing drawing, SKDocumentPdfMetadata metadata, RenderDeadline deadline)
    {
        var typefaces = Subsets(drawing);
        try
        {
            using var output = new MemoryStream();
            using (var document = SKDocument.CreatePdf(output, metadata))
            {
                using var fill = new SKPaint { Style = SKPaintStyle.Fill, IsAntialias = true };
                using var stroke = new SKPaint { Style = SKPaintStyle.Stroke, StrokeWidth = 0.75f, IsAntialias = true };
                foreach (var page in drawing.Pages)
                {
                    deadline.Check();
                    var canvas = document.BeginPage(PdfDrawing.PageWidth, PdfDrawing.PageHeight);
                    foreach (var op in page)
                    {
                        switch (op)
                        {
                            case FillRect f:
                                fill.Color = f.Colour;
                                canvas.DrawRect(f.Rect, fill);
                                break;
                            case StrokeRect s:
                                stroke.Color = s.Colour;
                                canvas.DrawRect(s.Rect, stroke);
                                break;
                            case DrawText t:
                                fill.Color = t.Colour;
                                using (var blob = Blob(t.Run, typefaces[t.Run.Run.Font]))
                                    canvas.DrawText(blob, t.X, t.Baseline, fill);
                                break;
                        }
                    }

                    document.EndPage();
                }

                document.Close();
            }

            return output.ToArray();
        }
        finally
        {
            foreach (var typeface in typefaces.Values)
                typeface.Dispose();
        }
    }

    /// <summary>Each font used, cut down to the glyphs drawn and the characters they stand for.</summary>
    static Dictionary<EmbeddedFont, SKTypeface> Subsets(PdfDrawing drawing)
    {
        var used = new Dictionary<EmbeddedFont, (HashSet<ushort> Glyphs, HashSet<int> CodePoints)>();
        foreach (var text in drawing.Pages.SelectMany(p => p).OfType<DrawText>())
        {
            if (!used.TryGetValue(text.Run.Run.Font, out var sets))
                used[text.Run.Run.Font] = sets = ([], []);
            sets.Glyphs.UnionWith(text.Run.Glyphs);
            foreach (var rune in text.Run.Run.Text.EnumerateRunes())
                sets.CodePoints.Add(rune.Value);
        }

        return used.OrderBy(u => u.Key.Index).ToDictionary(u => u.Key, u =>
        {
            // Skia reads the font data while it writes the PDF: the typeface owns it from here on.
            var data = SKData.CreateCopy(FontSubsetter.Subset(u.Key, u.Value.Glyphs, u.Value.CodePoints));
            return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"Skia could not load the subset of {u.Key.File}.");
        });
    }

    static SKTextBlob Blob(ShapedRun shaped, SKTypeface typeface)
    {
        using var font = new SKFont(typeface, shaped.Size) { Embolden = shaped.Run.Bold && shaped.Run.Font.SimulateBold, Subpixel = true, LinearMetrics = true };
        var text = shaped.Run.Text;
        var utf8 = Encoding.UTF8.GetBytes(text);
        var utf8Offsets = Utf8Offsets(text);
        using var builder = new SKTextBlobBuilder();
        var run = builder.AllocatePositionedTextRun(font, shaped.Glyphs.Length, utf8.Length);
        run.SetGlyphs(shaped.Glyphs);
        var points = new SKPoint[shaped.Glyphs.Length];
        var clusters = new uint[shaped.Glyphs.Length];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new SKPoint(shaped.X[i], shaped.Y[i]);
            clusters[i] = (uint)utf8Offsets[shaped.Clusters[i]];
        }

        run.SetPositions(points);
        run.SetText(utf8);
        run.SetClusters(clusters);
        return builder.Build()!;
    }

    /// <summary>HarfBuzz counts clusters in UTF-16 units, Skia in UTF-8 bytes.</summary>
    static int[] Utf8Offsets(string text)
    {
        var offsets = new int[text.Length + 1];
        var bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            offsets[i] = bytes;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                offsets[++i] = bytes;
                bytes += 4;
            }
            else
            {
                bytes += text[i] < 0x80 ? 1 : text[i] < 0x800 ? 2 : 3;
            }
        }

        offsets[text.Length] = bytes;
        return offsets;
    }
}
