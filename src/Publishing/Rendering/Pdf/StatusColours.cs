using SkiaSharp;

namespace TeamRetro.Confluence.Publishing.Rendering.Pdf;

/// <summary>
/// The colours of Confluence's status lozenge (Atlassian design tokens: subtle background, its text, and the bold tone
/// for bars), so a score reads the same in the PDF as on the page. Keyed by the status macro's colour parameter.
/// </summary>
internal static class StatusColours
{
    public static (SKColor Background, SKColor Ink, SKColor Bar) For(string colour) => colour switch
    {
        "Green" => (new(0xDC, 0xFF, 0xF1), new(0x21, 0x6E, 0x4E), new(0x22, 0xA0, 0x6B)),
        "Yellow" => (new(0xFF, 0xF7, 0xD6), new(0x7F, 0x5F, 0x01), new(0xE2, 0xB2, 0x03)),
        "Red" => (new(0xFF, 0xEC, 0xEB), new(0xAE, 0x2E, 0x24), new(0xE3, 0x49, 0x35)),
        "Blue" => (new(0xE9, 0xF2, 0xFF), new(0x00, 0x55, 0xCC), new(0x1D, 0x7A, 0xFC)),
        _ => (new(0xDC, 0xDF, 0xE4), new(0x44, 0x54, 0x6F), new(0x85, 0x90, 0xA2)),
    };

    /// <summary>A cell in a status colour: its background and text, and optionally a bar of <paramref name="bar"/> of the cell's width.</summary>
    public static PdfCell Cell(string text, string colour, double? bar = null)
    {
        var (background, ink, barColour) = For(colour);
        return new PdfCell(text, background, ink, bar, barColour);
    }
}
