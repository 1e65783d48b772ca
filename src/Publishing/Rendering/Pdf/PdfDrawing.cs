using SkiaSharp;

namespace TeamRetro.Confluence.Publishing.Rendering.Pdf;

/// <summary>
/// What the layout decided, page by page, before anything is written: the PDF can only embed font subsets once every
/// glyph of the document is known, so the layout records its drawing here and <see cref="SkiaPdfWriter"/> paints it.
/// </summary>
internal sealed class PdfDrawing
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;

    public List<List<DrawOp>> Pages { get; } = [];

    public void NewPage() => Pages.Add([]);

    public void Fill(SKRect rect, SKColor colour) => Pages[^1].Add(new FillRect(rect, colour));

    public void Stroke(SKRect rect, SKColor colour) => Pages[^1].Add(new StrokeRect(rect, colour));

    public void Text(ShapedRun run, float x, float baseline, SKColor colour) => Pages[^1].Add(new DrawText(run, x, baseline, colour));
}

internal abstract record DrawOp;

internal sealed record FillRect(SKRect Rect, SKColor Colour) : DrawOp;

internal sealed record StrokeRect(SKRect Rect, SKColor Colour) : DrawOp;

internal sealed record DrawText(ShapedRun Run, float X, float Baseline, SKColor Colour) : DrawOp;
