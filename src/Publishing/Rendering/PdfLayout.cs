using SkiaSharp;
using TeamRetro.Confluence.Publishing.Rendering.Pdf;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>
/// A top-to-bottom writer over A4 pages: wrapped paragraphs, headings, and tables whose header row is repeated
/// after every page break. Long words are broken between graphemes so no text runs off the page; a row taller than a
/// page continues on the next pages. Wrapping is linear in the text: each word (and, in a word wider than its column,
/// each grapheme) is shaped once per document, and one cell or paragraph shows at most <see cref="MaxBlockChars"/>
/// characters. Each line is split into runs of one font and direction (<see cref="Bidi"/>), shaped by HarfBuzz.
/// </summary>
internal sealed class PdfLayout
{
    const float Margin = 50;
    const float CellPadding = 4;
    const float LineHeight = 13;
    const float BarHeight = 4;
    const string Ellipsis = "…";

    /// <summary>The most characters one table cell or paragraph of the PDF shows; the Confluence page keeps the full text.</summary>
    public const int MaxBlockChars = 20_000;

    static readonly SKColor HeaderBackground = new(0xF4, 0xF5, 0xF7);
    static readonly SKColor Rule = new(0x97, 0xA0, 0xAF);
    static readonly SKColor Ink = new(0x17, 0x2B, 0x4D);

    readonly PdfDrawing drawing;
    readonly RenderDeadline deadline;
    readonly TextMeasure measure = new();
    readonly Style body = new(10, false);
    readonly Style bold = new(10, true);
    readonly Style heading = new(14, true);
    readonly Style title = new(18, true);
    float y;

    /// <param name="deadline">Checked between words and lines, so a render past its deadline stops promptly; none by default.</param>
    public PdfLayout(PdfDrawing drawing, RenderDeadline? deadline = null)
    {
        this.drawing = drawing;
        this.deadline = deadline ?? RenderDeadline.None;
        NewPage();
    }

    /// <summary>How many words or graphemes were shaped to measure them: each once per style, however long the text.</summary>
    public int Measurements => measure.Count;

    static float Width => PdfDrawing.PageWidth - 2 * Margin;
    static float Bottom => PdfDrawing.PageHeight - Margin;

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
    public void Table(IReadOnlyList<string> header, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<PdfCell>> rows)
    {
        var columns = widths.Select(w => (float)w * Width).ToArray();
        var headerRow = new WrappedRow(header.Select(h => (PdfCell)h).ToArray(), WrapRow(header, columns, bold), bold);
        Row(headerRow, columns, null, header: true);
        foreach (var row in rows)
        {
            deadline.Check();
            Row(new WrappedRow(row, WrapRow(row.Select(c => c.Text).ToList(), columns, body), body), columns, headerRow, header: false);
        }

        y += 8;
    }

    /// <summary>At most <see cref="MaxBlockChars"/> characters of one cell or paragraph, the cut marked with "…".</summary>
    internal static string Capped(string text)
    {
        if (text.Length <= MaxBlockChars)
            return text;
        var cut = char.IsLowSurrogate(text[MaxBlockChars]) ? MaxBlockChars - 1 : MaxBlockChars;
        return string.Concat(text.AsSpan(0, cut), Ellipsis);
    }

    sealed record WrappedRow(IReadOnlyList<PdfCell> Cells, List<string>[] Lines, Style Style)
    {
        public bool HasBar => Cells.Any(c => c.Bar is not null);

        public int LineCount => Math.Max(1, Lines.Max(c => c.Count));
    }

    List<string>[] WrapRow(IReadOnlyList<string> cells, float[] columns, Style style) =>
        columns.Select((w, i) => Wrap(i < cells.Count ? cells[i] : "", style, w - 2 * CellPadding)).ToArray();

    float RowHeight(int lines, bool bar) => lines * LineHeight + 2 * CellPadding + (bar ? BarHeight + 2 : 0);

    /// <summary>
    /// Draws one table row from its lines, wrapped once. A row that does not fit below goes to the next page (under the
    /// repeated header); a row taller than a page continues on the next pages, each under the header again.
    /// </summary>
    void Row(WrappedRow row, float[] columns, WrappedRow? headerRow, bool header)
    {
        var total = row.LineCount;
        var full = RowHeight(total, row.HasBar);
        var freshPage = Bottom - Margin - (headerRow is null ? 0 : RowHeight(headerRow.LineCount, false));
        if (y + full > Bottom && (full <= freshPage || y + RowHeight(1, row.HasBar) > Bottom))
            Continue(columns, headerRow);
        for (var first = 0; first < total;)
        {
            if (y + RowHeight(1, row.HasBar) > Bottom)
                Continue(columns, headerRow);
            var count = Math.Min((int)((Bottom - y - 2 * CellPadding - (row.HasBar ? BarHeight + 2 : 0)) / LineHeight), total - first);
            DrawRow(row, columns, header, first, count, last: first + count >= total);
            first += count;
        }
    }

    void Continue(float[] columns, WrappedRow? headerRow)
    {
        NewPage();
        if (headerRow is not null)
            Row(headerRow, columns, null, header: true);
    }

    void DrawRow(WrappedRow row, float[] columns, bool header, int first, int count, bool last)
    {
        var bar = last && row.HasBar;
        var height = RowHeight(count, bar);
        var x = Margin;
        for (var i = 0; i < columns.Length; i++)
        {
            var rect = new SKRect(x, y, x + columns[i], y + height);
            var cell = i < row.Cells.Count ? row.Cells[i] : "";
            if (header)
                drawing.Fill(rect, HeaderBackground);
            else if (cell.Background is { } background)
                drawing.Fill(rect, background);
            drawing.Stroke(rect, Rule);
            var lineY = y + CellPadding;
            for (var line = first; line < Math.Min(first + count, row.Lines[i].Count); line++)
            {
                deadline.Check();
                Draw(row.Lines[i][line], row.Style, x + CellPadding, lineY, cell.Ink ?? Ink);
                lineY += LineHeight;
            }

            if (bar && cell.Bar is { } fraction)
            {
                var barTop = y + height - CellPadding - BarHeight;
                var inner = columns[i] - 2 * CellPadding;
                drawing.Fill(new SKRect(x + CellPadding, barTop, x + CellPadding + inner, barTop + BarHeight), HeaderBackground);
                drawing.Fill(new SKRect(x + CellPadding, barTop, x + CellPadding + inner * (float)Math.Clamp(fraction, 0, 1), barTop + BarHeight), cell.BarColour ?? Ink);
            }

            x += columns[i];
        }

        y += height;
    }

    void Lines(string text, Style style, float lineHeight, float gapAfter)
    {
        foreach (var line in Wrap(text, style, Width))
        {
            deadline.Check();
            if (y + lineHeight > Bottom)
                NewPage();
            Draw(line, style, Margin, y, Ink);
            y += lineHeight;
        }

        y += gapAfter;
    }

    /// <summary>
    /// Greedy wrapping in one pass: every word's width is shaped once (see <see cref="TextMeasure"/>) and summed, so a
    /// line is cut where the running width passes the column's, never by re-measuring what is left. Words are separated
    /// by single spaces; a word wider than the column is cut between graphemes (never inside "👩‍💻" or "नि").
    /// </summary>
    List<string> Wrap(string text, Style style, float width)
    {
        var lines = new List<string>();
        var line = new System.Text.StringBuilder();
        var space = measure.Width(" ", style);
        foreach (var paragraph in Capped(text).Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            line.Clear();
            var lineWidth = 0f;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                deadline.Check();
                var wordWidth = measure.Width(word, style);
                if (line.Length > 0)
                {
                    if (lineWidth + space + wordWidth <= width)
                    {
                        line.Append(' ').Append(word);
                        lineWidth += space + wordWidth;
                        continue;
                    }

                    lines.Add(line.ToString());
                    line.Clear();
                }

                if (wordWidth <= width)
                {
                    line.Append(word);
                    lineWidth = wordWidth;
                    continue;
                }

                // The word alone is wider than the column: cut it wherever the running width would pass the column's.
                lineWidth = 0;
                foreach (var (start, length) in Bidi.Graphemes(word))
                {
                    deadline.Check();
                    var grapheme = word.Substring(start, length);
                    var graphemeWidth = measure.Width(grapheme, style);
                    if (line.Length > 0 && lineWidth + graphemeWidth > width)
                    {
                        lines.Add(line.ToString());
                        line.Clear();
                        lineWidth = 0;
                    }

                    line.Append(grapheme);
                    lineWidth += graphemeWidth;
                }
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>Draws one line from its top-left corner, run by run in visual order, every run on DejaVu Sans's baseline.</summary>
    void Draw(string line, Style style, float x, float top, SKColor colour)
    {
        var baseline = top + style.Size * EmbeddedFonts.Regular.Ascent;
        foreach (var run in Bidi.VisualRuns(line, style.Bold))
        {
            var shaped = ShapedRun.Shape(run, style.Size);
            drawing.Text(shaped, x, baseline, colour);
            x += shaped.Width;
        }
    }

    void NewPage()
    {
        drawing.NewPage();
        y = Margin;
    }
}
