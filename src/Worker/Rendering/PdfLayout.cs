using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace TeamRetro.Confluence.Worker.Rendering;

/// <summary>
/// A top-to-bottom writer over A4 pages: wrapped paragraphs, headings, and tables whose header row is repeated
/// after every page break. Long words are broken so no text runs off the page. Characters DejaVu Sans lacks (Chinese,
/// Japanese, Korean) are measured and drawn with the fallback font, on the same baseline.
/// </summary>
internal sealed class PdfLayout : IDisposable
{
    const double Margin = 50;
    const double CellPadding = 4;
    readonly PdfDocument document;
    readonly FontWithFallback body = Font(10, XFontStyleEx.Regular);
    readonly FontWithFallback bold = Font(10, XFontStyleEx.Bold);
    readonly FontWithFallback heading = Font(14, XFontStyleEx.Bold);
    readonly FontWithFallback title = Font(18, XFontStyleEx.Bold);
    XGraphics graphics = null!;
    PdfPage page = null!;
    double y;

    public PdfLayout(PdfDocument document)
    {
        this.document = document;
        NewPage();
    }

    double Width => page.Width.Point - 2 * Margin;
    double Bottom => page.Height.Point - Margin;

    public void Title(string text) => Lines(text, title, 24, gapAfter: 6);

    public void Heading(string text)
    {
        if (y + 60 > Bottom)
            NewPage();
        y += 10;
        Lines(text, heading, 18, gapAfter: 4);
    }

    public void Paragraph(string text, bool strong = false) => Lines(text, strong ? bold : body, 13, gapAfter: 3);

    /// <param name="widths">Fractions of the page width, one per column.</param>
    public void Table(IReadOnlyList<string> header, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<string>> rows)
    {
        var columns = widths.Select(w => w * Width).ToArray();
        Row(header, columns, bold, XBrushes.LightGray);
        foreach (var row in rows)
        {
            var height = RowHeight(row, columns, body);
            if (y + height > Bottom)
            {
                NewPage();
                Row(header, columns, bold, XBrushes.LightGray);
            }

            Row(row, columns, body, null);
        }

        y += 8;
    }

    public void Dispose() => graphics.Dispose();

    static FontWithFallback Font(double size, XFontStyleEx style) =>
        new(new XFont(EmbeddedFontResolver.Family, size, style), new XFont(EmbeddedFontResolver.Fallback, size, style));

    void Row(IReadOnlyList<string> cells, double[] columns, FontWithFallback font, XBrush? background)
    {
        var height = RowHeight(cells, columns, font);
        if (y + height > Bottom)
            NewPage();
        var x = Margin;
        for (var i = 0; i < columns.Length; i++)
        {
            var rect = new XRect(x, y, columns[i], height);
            if (background is not null)
                graphics.DrawRectangle(background, rect);
            graphics.DrawRectangle(XPens.Gray, rect);
            var lineY = y + CellPadding;
            foreach (var line in Wrap(i < cells.Count ? cells[i] : "", font, columns[i] - 2 * CellPadding))
            {
                Draw(line, font, x + CellPadding, lineY);
                lineY += 13;
            }

            x += columns[i];
        }

        y += height;
    }

    double RowHeight(IReadOnlyList<string> cells, double[] columns, FontWithFallback font)
    {
        var lines = columns.Select((w, i) => Wrap(i < cells.Count ? cells[i] : "", font, w - 2 * CellPadding).Count).Max();
        // A single cell taller than a page is clipped to the page rather than looping forever.
        return Math.Min(Math.Max(1, lines) * 13 + 2 * CellPadding, Bottom - Margin);
    }

    void Lines(string text, FontWithFallback font, double lineHeight, double gapAfter)
    {
        foreach (var line in Wrap(text, font, Width))
        {
            if (y + lineHeight > Bottom)
                NewPage();
            Draw(line, font, Margin, y);
            y += lineHeight;
        }

        y += gapAfter;
    }

    List<string> Wrap(string text, FontWithFallback font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Fits(candidate, font, width))
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                    lines.Add(line);
                line = word;
                while (!Fits(line, font, width) && line.Length > 1)
                {
                    var cut = FittingPrefix(line, font, width);
                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Draws one line from its top-left corner, run by run, every run on the primary font's baseline.</summary>
    void Draw(string line, FontWithFallback font, double x, double top)
    {
        var primary = font.Primary;
        var baseline = top + primary.GetHeight() * primary.CellAscent / primary.CellSpace;
        foreach (var (text, runFont) in font.Runs(line))
        {
            graphics.DrawString(text, runFont, XBrushes.Black, new XPoint(x, baseline), XStringFormats.BaseLineLeft);
            x += graphics.MeasureString(text, runFont).Width;
        }
    }

    bool Fits(string text, FontWithFallback font, double width) =>
        font.Runs(text).Sum(run => graphics.MeasureString(run.Text, run.Font).Width) <= width;

    int FittingPrefix(string text, FontWithFallback font, double width)
    {
        int low = 1, high = text.Length - 1;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (Fits(text[..mid], font, width)) low = mid; else high = mid - 1;
        }

        if (low < text.Length && char.IsLowSurrogate(text[low]) && low > 1)
            low--; // never split a surrogate pair
        return low;
    }

    void NewPage()
    {
        graphics?.Dispose();
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        y = Margin;
    }
}
