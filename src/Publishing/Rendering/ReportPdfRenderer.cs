using System.Globalization;
using Microsoft.Extensions.Options;
using SkiaSharp;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Rendering.Pdf;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>Bound from "Publication": how long laying out one PDF summary may take (<c>Publication:PdfRenderTimeout</c>).</summary>
public sealed record PdfRenderOptions
{
    public const string Section = "Publication";

    public TimeSpan PdfRenderTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// The PDF summary: the same content as the page, paginated, with subsets of its fonts embedded, every script shaped and
/// emoji in colour (Skia's PDF backend, HarfBuzz shaping: docs/architecture.md). Same meeting, same bytes: Skia writes
/// no clock time or random id when given the dates. The layout runs under a deadline: past
/// <see cref="PdfRenderOptions.PdfRenderTimeout"/> the step fails for good.
/// </summary>
public sealed class ReportPdfRenderer
{
    public const string FileName = "meeting-summary.pdf";

    readonly TimeSpan timeout;

    public ReportPdfRenderer() : this(new PdfRenderOptions())
    {
    }

    public ReportPdfRenderer(IOptions<PdfRenderOptions> options) : this(options.Value)
    {
    }

    ReportPdfRenderer(PdfRenderOptions options)
    {
        timeout = options.PdfRenderTimeout;
    }

    /// <exception cref="PublicationFailedException">Permanent: the layout took longer than the configured deadline.</exception>
    public byte[] Render(MeetingCompleted meeting, CancellationToken cancellationToken = default)
    {
        try
        {
            return Layout(meeting, new RenderDeadline(timeout, cancellationToken));
        }
        catch (TimeoutException)
        {
            throw new PublicationFailedException(
                $"The PDF summary took longer than {timeout.TotalSeconds:0.###} seconds to lay out (Publication:PdfRenderTimeout), so it was given up: " +
                "the meeting has too much text for one PDF. The report page itself is unaffected.", isPermanent: true);
        }
    }

    byte[] Layout(MeetingCompleted meeting, RenderDeadline deadline)
    {
        deadline.Check();
        var drawing = new PdfDrawing();
        var title = ReportTitle.For(meeting);
        var layout = new PdfLayout(drawing, deadline);
        layout.Title(title);
        layout.Paragraph($"{Clean(meeting.Team)} · {meeting.EndedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} · {ReportModel.Duration(meeting)}");
        layout.Paragraph($"Facilitator: {Clean(meeting.Facilitator)}");
        layout.Paragraph($"Participants: {string.Join(", ", meeting.Participants.Select(Clean))}");

        if (meeting.Kind == MeetingKind.HealthCheck)
            HealthCheck(layout, meeting);
        else
            Retrospective(layout, meeting);

        layout.Heading("Action items");
        if (meeting.ActionItems.Count == 0)
            layout.Paragraph("No action items.");
        else
            layout.Table(["Action", "Owner", "Due", "Status"], [0.52, 0.2, 0.14, 0.14], meeting.ActionItems.Select(a => (IReadOnlyList<PdfCell>)
                [Clean(a.Text), Clean(a.Owner) is { Length: > 0 } o ? o : "–", a.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "–", a.Done ? StatusColours.Cell("Done", "Green") : StatusColours.Cell("Open", "Grey")]));

        deadline.Check();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = title,
            Author = "TeamRetro",
            Creator = "TeamRetro Confluence publisher",
            Producer = "TeamRetro Confluence publisher (Skia/PDF)",
            Creation = meeting.EndedAt.UtcDateTime,
            Modified = meeting.EndedAt.UtcDateTime,
        };
        return SkiaPdfWriter.Write(drawing, metadata, deadline);
    }

    static void Retrospective(PdfLayout layout, MeetingCompleted meeting)
    {
        var summary = ReportSummary.Retrospective(meeting);
        var top = summary.TopVoted.Count == 0 ? "–" : string.Join("\n", summary.TopVoted.Select(c => $"{Shortened(Clean(c.Text))} ({Votes(c.Votes)})"));
        layout.Table(["At a glance", ""], [0.3, 0.7],
        [
            ["Participants", Number(summary.Participants)],
            ["Cards", Number(summary.Cards)],
            ["Votes", Number(summary.Votes)],
            ["Top-voted cards", top],
            ["Action items", $"{Number(summary.ActionsOpen)} open · {Number(summary.ActionsDone)} done"],
        ]);

        if (meeting.Columns.Count == 0)
            layout.Paragraph("No cards were added in this meeting.");
        foreach (var column in meeting.Columns)
        {
            layout.Heading(Clean(column.Name));
            var rows = ReportModel.Entries(column).SelectMany(e => e.Group is null
                ? e.Cards.Select(c => (IReadOnlyList<PdfCell>)[Clean(c.Text), Number(c.Votes)])
                : e.Cards.Select(c => (IReadOnlyList<PdfCell>)[$"{Clean(e.Group)} ↳ {Clean(c.Text)}", Number(c.Votes)])).ToList();
            if (rows.Count == 0)
                layout.Paragraph("No cards in this column.");
            else
                layout.Table(["Card", "Votes"], [0.85, 0.15], rows);
        }
    }

    static void HealthCheck(PdfLayout layout, MeetingCompleted meeting)
    {
        var summary = ReportSummary.Health(meeting);
        layout.Table(["At a glance", ""], [0.3, 0.7],
        [
            ["Participants", Number(summary.Participants)],
            ["Lowest", summary.Lowest is { } low ? ScoreCell($"{Clean(low.Name)} {Score(low)}", low) : "–"],
            ["Highest", summary.Highest is { } high ? ScoreCell($"{Clean(high.Name)} {Score(high)}", high) : "–"],
            ["Trend", $"{Number(summary.Improved)} improved ↑ · {Number(summary.Worsened)} worsened ↓ · {Number(summary.Steady)} steady →"],
        ]);

        layout.Heading("Health");
        if (meeting.Dimensions.Count == 0)
        {
            layout.Paragraph("No dimensions were scored in this health check.");
            return;
        }

        // The score as its status colour and a bar out of five; the trend arrow in the colour of the way it moved.
        layout.Table(["Dimension", "Score", "Trend", "Comments"], [0.3, 0.14, 0.1, 0.46], meeting.Dimensions.Select(d => (IReadOnlyList<PdfCell>)
        [
            Clean(d.Name),
            StatusColours.Cell(Score(d), ReportModel.HealthColour(d.Score), bar: (double)d.Score / 5),
            d.Trend switch
            {
                HealthTrend.Up => StatusColours.Cell(ReportModel.TrendArrow(d.Trend), "Green"),
                HealthTrend.Down => StatusColours.Cell(ReportModel.TrendArrow(d.Trend), "Red"),
                _ => ReportModel.TrendArrow(d.Trend),
            },
            string.Join("\n", d.Comments.Select(Clean)),
        ]));
    }

    static PdfCell ScoreCell(string text, HealthDimension d) => StatusColours.Cell(text, ReportModel.HealthColour(d.Score));

    static string Score(HealthDimension d) => d.Score.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A card quoted in the summary: its first <see cref="SummaryGraphemes"/> graphemes (never half an emoji), then "…".</summary>
    internal static string Shortened(string text)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= SummaryGraphemes ? text : info.SubstringByTextElements(0, SummaryGraphemes) + "…";
    }

    internal const int SummaryGraphemes = 100;

    static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    static string Votes(int n) => n == 1 ? "1 vote" : $"{Number(n)} votes";

    static string Clean(string? text) => StorageFormat.Clean(text).Trim();
}
