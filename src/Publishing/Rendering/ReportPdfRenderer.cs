using System.Globalization;
using Microsoft.Extensions.Options;
using PdfSharp.Pdf;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Confluence;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>Bound from "Publication": how long laying out one PDF summary may take (<c>Publication:PdfRenderTimeout</c>).</summary>
public sealed record PdfRenderOptions
{
    public const string Section = "Publication";

    public TimeSpan PdfRenderTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// The PDF summary: the same content as the page, paginated, with its fonts embedded. Same meeting, same bytes. The
/// layout runs under a deadline: past <see cref="PdfRenderOptions.PdfRenderTimeout"/> the step fails for good.
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
        EmbeddedFontResolver.EnsureInstalled();
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
        using var document = new PdfDocument();
        var title = ReportTitle.For(meeting);
        document.Info.Title = title;
        document.Info.Author = "TeamRetro";
        document.Info.Creator = "TeamRetro Confluence publisher";
        document.Info.CreationDate = meeting.EndedAt.UtcDateTime;
        document.Info.ModificationDate = meeting.EndedAt.UtcDateTime;

        using (var layout = new PdfLayout(document, deadline))
        {
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
                layout.Table(["Action", "Owner", "Due", "Status"], [0.52, 0.2, 0.14, 0.14], meeting.ActionItems.Select(a => (IReadOnlyList<string>)
                    [Clean(a.Text), Clean(a.Owner) is { Length: > 0 } o ? o : "–", a.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "–", a.Done ? "Done" : "Open"]));
        }

        deadline.Check();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return DeterministicPdf.Normalise(output.ToArray(), meeting);
    }

    static void Retrospective(PdfLayout layout, MeetingCompleted meeting)
    {
        if (meeting.Columns.Count == 0)
            layout.Paragraph("No cards were added in this meeting.");
        foreach (var column in meeting.Columns)
        {
            layout.Heading(Clean(column.Name));
            var rows = ReportModel.Entries(column).SelectMany(e => e.Group is null
                ? e.Cards.Select(c => (IReadOnlyList<string>)[Clean(c.Text), c.Votes.ToString(CultureInfo.InvariantCulture)])
                : e.Cards.Select(c => (IReadOnlyList<string>)[$"{Clean(e.Group)} ↳ {Clean(c.Text)}", c.Votes.ToString(CultureInfo.InvariantCulture)])).ToList();
            if (rows.Count == 0)
                layout.Paragraph("No cards in this column.");
            else
                layout.Table(["Card", "Votes"], [0.85, 0.15], rows);
        }
    }

    static void HealthCheck(PdfLayout layout, MeetingCompleted meeting)
    {
        layout.Heading("Health");
        if (meeting.Dimensions.Count == 0)
        {
            layout.Paragraph("No dimensions were scored in this health check.");
            return;
        }

        layout.Table(["Dimension", "Score", "Trend", "Comments"], [0.3, 0.12, 0.1, 0.48], meeting.Dimensions.Select(d => (IReadOnlyList<string>)
            [Clean(d.Name), d.Score.ToString("0.0", CultureInfo.InvariantCulture), ReportModel.TrendArrow(d.Trend), string.Join("\n", d.Comments.Select(Clean))]));
    }

    static string Clean(string? text) => StorageFormat.Clean(text).Trim();
}
