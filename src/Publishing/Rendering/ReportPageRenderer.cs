using System.Security.Cryptography;
using System.Text;
using Scriban;
using Scriban.Syntax;
using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Publishing.Rendering;

public sealed record RenderedPage(string Title, string StorageXml, string BodySha256);

/// <summary>
/// Renders a meeting into Confluence storage format from the embedded Scriban template of its kind, or from the
/// tenant's own template. Thread-safe: templates are parsed once; every render gets its own sandboxed context
/// (strict variables, loop, recursion, output and string-length limits, a time limit, no .NET member access). A tenant's
/// template is also checked on its syntax (<see cref="CompileTenantTemplate"/>) and kept parsed only once it has
/// rendered, in a cache bounded by bytes.
/// </summary>
public sealed class ReportPageRenderer
{
    public const int MaxBodyBytes = 5_242_880;
    public const int MaxCards = 5_000;
    public const int MaxActionItems = 2_000;
    public static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(5);

    readonly Template retrospective = Parse(EmbeddedTemplates.Read("retrospective.sbn"), "retrospective.sbn");
    readonly Template healthCheck = Parse(EmbeddedTemplates.Read("health-check.sbn"), "health-check.sbn");
    readonly TemplateCache tenantTemplates = new(TemplateLimits.MaxCachedTemplateBytes, TemplateLimits.MaxCachedTemplates);

    /// <param name="tenantTemplate">The tenant's template text for this meeting's kind, or null for the built-in one.</param>
    /// <param name="titlePattern">The tenant's title pattern, or null for the default title.</param>
    public RenderedPage Render(MeetingCompleted meeting, string pdfFileName, string? tenantTemplate = null, string? titlePattern = null)
    {
        if (tenantTemplate is not { Length: > 0 } custom)
            return Render(meeting, pdfFileName, meeting.Kind == MeetingKind.HealthCheck ? healthCheck : retrospective, titlePattern);

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(custom)));
        if (tenantTemplates.TryGet(key, out var cached))
            return Render(meeting, pdfFileName, cached, titlePattern);
        var template = CompileTenantTemplate(custom);
        var page = Render(meeting, pdfFileName, template, titlePattern);
        // Kept only once it has rendered a page: a template that fails is parsed again next time, never kept.
        tenantTemplates.Add(key, template, Encoding.UTF8.GetByteCount(custom));
        return page;
    }

    /// <summary>How many parsed tenant templates are kept, and the total UTF-8 bytes of their texts.</summary>
    internal (int Count, long Bytes) CachedTenantTemplates => (tenantTemplates.Count, tenantTemplates.Bytes);

    internal RenderedPage Render(MeetingCompleted meeting, string pdfFileName, Template template, string? titlePattern)
    {
        Validate(meeting);
        var body = RenderBody(template, ReportModel.For(meeting, pdfFileName));
        var bytes = Encoding.UTF8.GetByteCount(body);
        if (bytes > MaxBodyBytes)
            throw new InvalidMeetingException($"The report is {bytes:N0} bytes; Confluence accepts at most {MaxBodyBytes:N0}.");
        StorageFormat.EnsureWellFormed(body);
        return new RenderedPage(ReportTitle.For(meeting, titlePattern), body, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))));
    }

    /// <summary>The template's output for this model, trimmed, before any check of its size or well-formedness.</summary>
    internal static string RenderBody(Template template, Scriban.Runtime.ScriptObject model)
    {
        using var timeout = new CancellationTokenSource(RenderTimeout);
        var context = SandboxedContext(timeout.Token);
        context.PushGlobal(model);
        try
        {
            return template.Render(context).Trim();
        }
        catch (Exception e) when (timeout.IsCancellationRequested && e is OperationCanceledException or ScriptRuntimeException)
        {
            throw new InvalidMeetingException($"The page template took longer than {RenderTimeout.TotalSeconds:0} seconds to render.");
        }
        catch (ScriptRuntimeException e)
        {
            throw new InvalidMeetingException($"The page template failed at line {e.Span.Start.Line + 1}, column {e.Span.Start.Column + 1}: {e.OriginalMessage}",
                e.Span.Start.Line + 1, e.Span.Start.Column + 1);
        }
    }

    /// <summary>
    /// A tenant's template, checked before it can run: at most <see cref="TemplateLimits.MaxTemplateBytes"/>, parses, and
    /// uses nothing <see cref="TenantTemplateRules"/> refuses. Stored templates are checked again: they may predate a rule.
    /// </summary>
    /// <exception cref="InvalidMeetingException">Why the template is refused, with line and column where there is one.</exception>
    public static Template CompileTenantTemplate(string text)
    {
        if (TemplateLimits.SizeProblem(text) is { } tooLarge)
            throw new InvalidMeetingException(tooLarge);
        var template = Parse(text, "tenant template");
        TenantTemplateRules.EnsureAllowed(template.Page ?? throw new InvalidMeetingException("The page template is empty."));
        return template;
    }

    public static string TitleFor(MeetingCompleted meeting) => ReportTitle.For(meeting);

    public static string DisambiguatedTitle(MeetingCompleted meeting, string? titlePattern = null) => ReportTitle.Disambiguated(meeting, titlePattern);

    /// <summary>Parses a tenant template; syntax errors come back with line and column.</summary>
    public static Template Parse(string text, string name)
    {
        var template = Template.Parse(text, name);
        if (template.HasErrors)
        {
            var first = template.Messages.First(m => m.Type == Scriban.Parsing.ParserMessageType.Error);
            throw new InvalidMeetingException($"The page template does not parse at line {first.Span.Start.Line + 1}, column {first.Span.Start.Column + 1}: {first.Message}",
                first.Span.Start.Line + 1, first.Span.Start.Column + 1);
        }

        return template;
    }

    static void Validate(MeetingCompleted meeting)
    {
        if (meeting.EndedAt == default)
            throw new InvalidMeetingException("The meeting has no endedAt date.");
        var cards = meeting.Columns.Sum(c => c.Cards.Count);
        if (cards > MaxCards)
            throw new InvalidMeetingException($"The meeting has {cards:N0} cards; a report holds at most {MaxCards:N0}.");
        if (meeting.ActionItems.Count > MaxActionItems)
            throw new InvalidMeetingException($"The meeting has {meeting.ActionItems.Count:N0} action items; a report holds at most {MaxActionItems:N0}.");
        // Said up front: otherwise a huge meeting trips the template's output guard, whose message blames the template.
        var characters = TextLength(meeting);
        if (characters > MaxBodyBytes)
            throw new InvalidMeetingException($"The meeting has {characters:N0} characters of text, more than one report page can hold: Confluence accepts at most {MaxBodyBytes:N0} bytes.");
    }

    static long TextLength(MeetingCompleted m) =>
        Length(m.Title) + Length(m.Team) + Length(m.Facilitator) + m.Participants.Sum(Length)
        + m.Columns.Sum(c => Length(c.Name) + c.Cards.Sum(card => Length(card.Text) + Length(card.Author) + Length(card.Group)))
        + m.ActionItems.Sum(a => Length(a.Text) + Length(a.Owner))
        + m.Dimensions.Sum(d => Length(d.Name) + d.Comments.Sum(Length));

    static long Length(string? text) => text?.Length ?? 0;

    /// <summary>Strict variables (a typo is an error, not an empty string), bounded loops, recursion and output, no .NET member access.</summary>
    static BoundedTemplateContext SandboxedContext(CancellationToken cancellationToken) => new()
    {
        StrictVariables = true,
        LoopLimit = 20_000,
        RecursiveLimit = 20,
        ObjectRecursionLimit = 20,
        // A runaway guard only: anything over MaxBodyBytes fails afterwards with the clearer size message.
        OutputLimit = 2 * MaxBodyBytes,
        OnOutputLimit = ScriptLimitBehavior.Throw,
        TemplateLoader = EmbeddedTemplates.Instance,
        EnableRelaxedMemberAccess = false,
        EnableRelaxedTargetAccess = false,
        LimitToString = 0,
        MemberFilter = _ => false,
        CancellationToken = cancellationToken,
        RegexTimeOut = TimeSpan.FromSeconds(1),
    };
}
