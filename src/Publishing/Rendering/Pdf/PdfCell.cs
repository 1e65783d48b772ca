using SkiaSharp;

namespace TeamRetro.Confluence.Publishing.Rendering.Pdf;

/// <summary>
/// One table cell: its text, and optionally a background with its ink (a health score's colour) or a bar drawn under
/// the text, <see cref="Bar"/> of the cell's width (a score out of five).
/// </summary>
internal sealed record PdfCell(string Text, SKColor? Background = null, SKColor? Ink = null, double? Bar = null, SKColor? BarColour = null)
{
    public static implicit operator PdfCell(string text) => new(text);
}
