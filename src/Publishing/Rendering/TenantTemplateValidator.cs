using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>What saving a tenant template reports: fine (with a preview), or the first problem and where it is.</summary>
public sealed record TemplateCheck(bool IsValid, string? Error, int? Line, int? Column, string? PreviewStorageXml);

/// <summary>
/// A tenant template is accepted only if it is at most <see cref="TemplateLimits.MaxTemplateBytes"/>, parses, uses
/// nothing <see cref="TenantTemplateRules"/> refuses, and renders a sample meeting of its kind into well-formed storage
/// format within the sandbox's limits, so a broken template is refused when saved, not when a meeting ends. It must also
/// escape every text value: rendered against <see cref="HostileSample"/>, no marker may reach the page unescaped. Checking
/// never adds the template to the renderer's cache.
/// </summary>
public sealed class TenantTemplateValidator(ReportPageRenderer renderer)
{
    public TemplateCheck Check(MeetingKind kind, string templateText)
    {
        var endedAt = new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);
        var sample = ReportSamples.For(kind, Guid.Empty, Guid.Empty, endedAt);
        var hostile = HostileSample.For(kind, endedAt).ToList();
        try
        {
            var template = ReportPageRenderer.CompileTenantTemplate(templateText);
            RenderedPage page;
            try
            {
                page = renderer.Render(sample, ReportPdfRenderer.FileName, template, titlePattern: null);
            }
            catch (InvalidMeetingException)
            {
                // A value printed raw often breaks the sample page too: say which one rather than only "not well-formed".
                foreach (var meeting in hostile)
                    if (Leak(template, meeting) is { } field)
                        throw Unescaped(field);
                throw;
            }

            foreach (var meeting in hostile)
                EnsureEscaped(template, meeting);
            return new TemplateCheck(true, null, null, null, page.StorageXml);
        }
        catch (InvalidMeetingException e)
        {
            return new TemplateCheck(false, e.Message, e.Line, e.Column, null);
        }
    }

    /// <summary>Every text value is printed escaped: with markup in all of them, none reaches the page as markup.</summary>
    static void EnsureEscaped(Scriban.Template template, MeetingCompleted hostile)
    {
        try
        {
            var body = ReportPageRenderer.RenderBody(template, ReportModel.For(hostile, ReportPdfRenderer.FileName));
            if (HostileSample.LeakedField(body) is { } field)
                throw Unescaped(field);
            StorageFormat.EnsureWellFormed(body);
        }
        catch (InvalidMeetingException e) when (!e.Message.Contains("html.escape", StringComparison.Ordinal))
        {
            throw new InvalidMeetingException($"With markup in every text value of the meeting: {e.Message}", e.Line, e.Column);
        }
    }

    static string? Leak(Scriban.Template template, MeetingCompleted hostile)
    {
        try
        {
            return HostileSample.LeakedField(ReportPageRenderer.RenderBody(template, ReportModel.For(hostile, ReportPdfRenderer.FileName)));
        }
        catch (InvalidMeetingException)
        {
            return null;
        }
    }

    static InvalidMeetingException Unescaped(string field) =>
        new($"The page template prints {(field == HostileSample.SomeTextValue ? field : $"`{field}`")} without `html.escape`, so a participant could put " +
            "Confluence macros or HTML on the page through it. Print every text value as `{{ value | html.escape }}`.");
}
