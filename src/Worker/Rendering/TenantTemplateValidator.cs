using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Worker.Rendering;

/// <summary>What saving a tenant template reports: fine (with a preview), or the first problem and where it is.</summary>
public sealed record TemplateCheck(bool IsValid, string? Error, int? Line, int? Column, string? PreviewStorageXml);

/// <summary>
/// A tenant template is accepted only if it is at most <see cref="TemplateLimits.MaxTemplateBytes"/>, parses, uses
/// nothing <see cref="TenantTemplateRules"/> refuses, and renders a sample meeting of its kind into well-formed storage
/// format within the sandbox's limits, so a broken template is refused when saved, not when a meeting ends. Checking
/// never adds the template to the renderer's cache.
/// </summary>
public sealed class TenantTemplateValidator(ReportPageRenderer renderer)
{
    public TemplateCheck Check(MeetingKind kind, string templateText)
    {
        var sample = ReportSamples.For(kind, Guid.Empty, Guid.Empty, new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero));
        try
        {
            var template = ReportPageRenderer.CompileTenantTemplate(templateText);
            var page = renderer.Render(sample, ReportPdfRenderer.FileName, template, titlePattern: null);
            return new TemplateCheck(true, null, null, null, page.StorageXml);
        }
        catch (InvalidMeetingException e)
        {
            return new TemplateCheck(false, e.Message, e.Line, e.Column, null);
        }
    }
}
