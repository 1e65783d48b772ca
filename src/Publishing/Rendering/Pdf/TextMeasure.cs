namespace TeamRetro.Confluence.Publishing.Rendering.Pdf;

/// <summary>A text size and weight.</summary>
internal readonly record struct Style(float Size, bool Bold);

/// <summary>Shaped widths of words and graphemes, each shaped once per document and style; <see cref="Count"/> counts them.</summary>
internal sealed class TextMeasure
{
    readonly Dictionary<(string, Style), float> widths = [];

    public int Count { get; private set; }

    public float Width(string text, Style style)
    {
        if (widths.TryGetValue((text, style), out var known))
            return known;
        Count++;
        var width = 0f;
        foreach (var run in Bidi.VisualRuns(text, style.Bold))
            width += ShapedRun.Shape(run, style.Size).Width;
        return widths[(text, style)] = width;
    }
}
