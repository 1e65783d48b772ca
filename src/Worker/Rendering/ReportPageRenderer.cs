using System.Security.Cryptography;
using System.Text;
using Scriban;
using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Worker.Rendering;

public sealed record RenderedPage(string Title, string StorageXml, string BodySha256);

/// <summary>
/// Renders a meeting into Confluence storage format from the embedded Scriban template of its kind. Thread-safe:
/// templates are parsed once; every render gets its own sandboxed context.
/// </summary>
public sealed class ReportPageRenderer
{
    public const int MaxBodyBytes = 5_242_880;
    public const int MaxCards = 5_000;
    public const int MaxActionItems = 2_000;

    readonly Template retrospective = Parse("retrospective.sbn");
    readonly Template healthCheck = Parse("health-check.sbn");

    public RenderedPage Render(MeetingCompleted meeting, string pdfFileName)
    {
        Validate(meeting);
        var template = meeting.Kind == MeetingKind.HealthCheck ? healthCheck : retrospective;
        var context = SandboxedContext();
        context.PushGlobal(ReportModel.For(meeting, pdfFileName));

        var body = template.Render(context).Trim();
        var bytes = Encoding.UTF8.GetByteCount(body);
        if (bytes > MaxBodyBytes)
            throw new InvalidMeetingException($"The report is {bytes:N0} bytes; Confluence accepts at most {MaxBodyBytes:N0}.");
        StorageFormat.EnsureWellFormed(body);
        return new RenderedPage(ReportTitle.For(meeting), body, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
    }

    public static string TitleFor(MeetingCompleted meeting) => ReportTitle.For(meeting);

    public static string DisambiguatedTitle(MeetingCompleted meeting) => ReportTitle.Disambiguated(meeting);

    static void Validate(MeetingCompleted meeting)
    {
        if (meeting.EndedAt == default)
            throw new InvalidMeetingException("The meeting has no endedAt date.");
        var cards = meeting.Columns.Sum(c => c.Cards.Count);
        if (cards > MaxCards)
            throw new InvalidMeetingException($"The meeting has {cards:N0} cards; a report holds at most {MaxCards:N0}.");
        if (meeting.ActionItems.Count > MaxActionItems)
            throw new InvalidMeetingException($"The meeting has {meeting.ActionItems.Count:N0} action items; a report holds at most {MaxActionItems:N0}.");
    }

    /// <summary>Strict variables (a typo is an error, not an empty string), bounded loops and recursion, no .NET member access.</summary>
    internal static TemplateContext SandboxedContext() => new()
    {
        StrictVariables = true,
        LoopLimit = 20_000,
        RecursiveLimit = 20,
        TemplateLoader = EmbeddedTemplates.Instance,
        EnableRelaxedMemberAccess = false,
        EnableRelaxedTargetAccess = false,
        LimitToString = 0,
        MemberFilter = _ => false,
    };

    static Template Parse(string fileName)
    {
        var template = Template.Parse(EmbeddedTemplates.Read(fileName), fileName);
        if (template.HasErrors)
            throw new InvalidOperationException($"Template {fileName} does not parse: {string.Join("; ", template.Messages)}");
        return template;
    }
}
