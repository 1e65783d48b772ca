using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>
/// A top-to-bottom writer over A4 pages: wrapped paragraphs, headings, and tables whose header row is repeated
/// after every page break. Long words are broken so no text runs off the page; a row taller than a page continues on the
/// next pages. Wrapping is linear in the text: each glyph is measured once per document and a row is wrapped once, and
/// one cell or paragraph shows at most <see cref="MaxBlockChars"/> characters. Characters DejaVu Sans lacks (Chinese,
/// Japanese, Korean) are measured and drawn with the fallback font, on the same baseline.
/// </summary>
internal sealed class PdfLayout : IDisposable
{
    const double Margin = 50;
    const double CellPadding = 4;
    const double LineHeight = 13;
    const string Ellipsis = "…";

    /// <summary>The most characters one table cell or paragraph of the PDF shows; the Confluence page keeps the full text.</summary>
    public const int MaxBlockChars = 20_000;

    readonly PdfDocument document;
    readonly RenderDeadline deadline;
    readonly Dictionary<(Rune, XFont), double> glyphWidths = [];
    readonly FontWithFallback body = Font(10, XFontStyleEx.Regular);
    readonly FontWithFallback bold = Font(10, XFontStyleEx.Bold);
    readonly FontWithFallback heading = Font(14, XFontStyleEx.Bold);
    readonly FontWithFallback title = Font(18, XFontStyleEx.Bold);
    XGraphics graphics = null!;
    PdfPage page = null!;
    double y;

    /// <param name="deadline">Checked between words and lines, so a render past its deadline stops promptly; none by default.</param>
    public PdfLayout(PdfDocument document, RenderDeadline? deadline = null)
    {
        this.document = document;
        this.deadline = deadline ?? RenderDeadline.None;
        NewPage();
    }

    /// <summary>How many glyph widths were measured: each glyph once per font, however long the text.</summary>
    public int Measurements { get; private set; }

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
        var headerLines = WrapRow(header, columns, bold);
        Row(headerLines, columns, bold, XBrushes.LightGray, null);
        foreach (var row in rows)
        {
            deadline.Check();
            Row(WrapRow(row, columns, body), columns, body, null, headerLines);
        }

        y += 8;
    }

    public void Dispose() => graphics.Dispose();

    static FontWithFallback Font(double size, XFontStyleEx style) =>
        new(new XFont(EmbeddedFontResolver.Family, size, style), new XFont(EmbeddedFontResolver.Fallback, size, style));

    /// <summary>At most <see cref="MaxBlockChars"/> characters of one cell or paragraph, the cut marked with "…".</summary>
    internal static string Capped(string text)
    {
        if (text.Length <= MaxBlockChars)
            return text;
        var cut = char.IsLowSurrogate(text[MaxBlockChars]) ? MaxBlockChars - 1 : MaxBlockChars;
        return string.Concat(text.AsSpan(0, cut), Ellipsis);
    }

    List<string>[] WrapRow(IReadOnlyList<string> cells, double[] columns, FontWithFallback font) =>
        columns.Select((w, i) => Wrap(i < cells.Count ? cells[i] : "", font, w - 2 * CellPadding)).ToArray();

    /// <summary>
    /// Draws one table row from its lines, wrapped once. A row that does not fit below goes to the next page (under the
    /// repeated header); a row taller than a page continues on the next pages, each under the header again.
    /// </summary>
    void Row(List<string>[] cells, double[] columns, FontWithFallback font, XBrush? background, List<string>[]? header)
    {
        var total = Math.Max(1, cells.Max(c => c.Count));
        var freshPage = Bottom - Margin - (header is null ? 0 : RowHeight(Math.Max(1, header.Max(c => c.Count))));
        if (y + RowHeight(total) > Bottom && (RowHeight(total) <= freshPage || y + RowHeight(1) > Bottom))
            Continue(columns, header);
        for (var first = 0; first < total;)
        {
            if (y + RowHeight(1) > Bottom)
                Continue(columns, header);
            var count = Math.Min((int)((Bottom - y - 2 * CellPadding) / LineHeight), total - first);
            DrawRow(cells, columns, font, background, first, count);
            first += count;
        }
    }

    void Continue(double[] columns, List<string>[]? header)
    {
        NewPage();
        if (header is not null)
            Row(header, columns, bold, XBrushes.LightGray, null);
    }

    static double RowHeight(int lines) => lines * LineHeight + 2 * CellPadding;

    void DrawRow(List<string>[] cells, double[] columns, FontWithFallback font, XBrush? background, int first, int count)
    {
        var height = RowHeight(count);
        var x = Margin;
        for (var i = 0; i < columns.Length; i++)
        {
            var rect = new XRect(x, y, columns[i], height);
            if (background is not null)
                graphics.DrawRectangle(background, rect);
            graphics.DrawRectangle(XPens.Gray, rect);
            var lineY = y + CellPadding;
            for (var line = first; line < Math.Min(first + count, cells[i].Count); line++)
            {
                deadline.Check();
                Draw(cells[i][line], font, x + CellPadding, lineY);
                lineY += LineHeight;
            }

            x += columns[i];
        }

        y += height;
    }

    void Lines(string text, FontWithFallback font, double lineHeight, double gapAfter)
    {
        foreach (var line in Wrap(text, font, Width))
        {
            deadline.Check();
            if (y + lineHeight > Bottom)
                NewPage();
            Draw(line, font, Margin, y);
            y += lineHeight;
        }

        y += gapAfter;
    }

    /// <summary>
    /// Greedy wrapping in one pass: every glyph's width is looked up once (see <see cref="GlyphWidth"/>) and summed, so a
    /// line is cut where the running width passes the column's, never by re-measuring what is left. Words are separated
    /// by single spaces; a word wider than the column is cut between characters (never inside a surrogate pair).
    /// </summary>
    List<string> Wrap(string text, FontWithFallback font, double width)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var paragraph in Capped(text).Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            line.Clear();
            var lineWidth = 0.0;
            XFont? lineFont = null; // the font of the line's last glyph: a space continues its run
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                deadline.Check();
                if (line.Length > 0)
                {
                    var spaceFont = font.FontFor(new Rune(' '), lineFont);
                    var (wordWidth, wordFont) = Measure(word, font, spaceFont);
                    var candidate = lineWidth + GlyphWidth(new Rune(' '), spaceFont) + wordWidth;
                    if (candidate <= width)
                    {
                        line.Append(' ').Append(word);
                        lineWidth = candidate;
                        lineFont = wordFont;
                        continue;
                    }

                    lines.Add(line.ToString());
                    line.Clear();
                }

                // The word starts a line: cut it wherever the running width would pass the column's.
                lineWidth = 0;
                lineFont = null;
                for (var i = 0; i < word.Length;)
                {
                    Rune.DecodeFromUtf16(word.AsSpan(i), out var rune, out var length);
                    var glyphFont = font.FontFor(rune, lineFont);
                    var glyphWidth = GlyphWidth(rune, glyphFont);
                    if (line.Length > 0 && lineWidth + glyphWidth > width)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                        lineWidth = 0;
                        glyphFont = font.FontFor(rune, null);
                        glyphWidth = GlyphWidth(rune, glyphFont);
                    }

                    line.Append(word, i, length);
                    lineWidth += glyphWidth;
                    lineFont = glyphFont;
                    i += length;
                }
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>The width of a word that follows a glyph drawn in <paramref name="previous"/>, and the font its last glyph takes.</summary>
    (double Width, XFont? Last) Measure(string word, FontWithFallback font, XFont? previous)
    {
        var total = 0.0;
        for (var i = 0; i < word.Length;)
        {
            Rune.DecodeFromUtf16(word.AsSpan(i), out var rune, out var length);
            previous = font.FontFor(rune, previous);
            total += GlyphWidth(rune, previous);
            i += length;
        }

        return (total, previous);
    }

    /// <summary>One measurement per glyph and font for the whole document; <see cref="Measurements"/> counts them.</summary>
    double GlyphWidth(Rune rune, XFont font)
    {
        if (glyphWidths.TryGetValue((rune, font), out var known))
            return known;
        Measurements++;
        return glyphWidths[(rune, font)] = graphics.MeasureString(rune.ToString(), font).Width;
    }

    /// <summary>Draws one line from its top-left corner, run by run, every run on the primary font's baseline.</summary>
    void Draw(string line, FontWithFallback font, double x, double top)
    {
        var primary = font.Primary;
        var baseline = top + primary.GetHeight() * primary.CellAscent / primary.CellSpace;
        foreach (var (text, runFont) in font.Runs(line))
        {
            graphics.DrawString(text, runFont, XBrushes.Black, new XPoint(x, baseline), XStringFormats.BaseLineLeft);
            x += RunWidth(text, runFont);
        }
    }

    double RunWidth(string run, XFont font)
    {
        var total = 0.0;
        foreach (var rune in run.EnumerateRunes())
            total += GlyphWidth(rune, font);
        return total;
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
