using TeamRetro.Confluence.Api.Outcomes;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Api.Integrations;

/// <summary>How a tenant's reports look: its page templates and its page title pattern, each checked before it is stored.</summary>
public sealed class ReportFormatting(IntegrationAccess access, PublicationDbContext db, TenantTemplateValidator validator, TimeProvider clock)
{
    /// <summary>
    /// A tenant template is checked (size, refused constructs, a sample meeting and a hostile one) before it is stored;
    /// problems come back under "template", with line and column where there is one.
    /// </summary>
    public async Task<Outcome<TemplatePreview>> SaveTemplate(Guid tenantId, MeetingKind kind, TemplateRequest request, CancellationToken ct)
    {
        if (!access.Allows(tenantId))
            return Outcome.NotFound;
        // Route binding parses any number as the enum: templates/99 would otherwise replace the retrospective template.
        if (!Enum.IsDefined(kind))
            return Outcome.Invalid("kind", $"Unknown meeting kind; use {string.Join(" or ", Enum.GetNames<MeetingKind>())}.");
        // Said before anything is parsed: the renderer checks the same limit again on every stored template.
        if (request.Template is { } text && TemplateLimits.SizeProblem(text) is { } tooLarge)
            return Outcome.Invalid("template", tooLarge);
        var i = await access.Find(tenantId, ct);
        if (i is null)
            return Outcome.NotFound;
        var check = validator.Check(kind, request.Template);
        if (!check.IsValid)
            return new InvalidRefusal("template", check.Error!, new Dictionary<string, object?> { ["line"] = check.Line, ["column"] = check.Column });

        if (kind == MeetingKind.HealthCheck)
            i.HealthCheckTemplate = request.Template;
        else
            i.RetrospectiveTemplate = request.Template;
        i.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return new TemplatePreview(check.PreviewStorageXml!);
    }

    public async Task<Outcome<TitleExample>> SaveTitlePattern(Guid tenantId, TitlePatternRequest request, CancellationToken ct)
    {
        var i = await access.Find(tenantId, ct);
        if (i is null)
            return Outcome.NotFound;
        if (request.Pattern is not null && ReportTitle.PatternProblem(request.Pattern) is { } problem)
            return Outcome.Invalid("pattern", problem);

        i.TitlePattern = request.Pattern;
        i.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        var sample = ReportSamples.Retrospective(tenantId, Guid.Empty, clock.GetUtcNow());
        return new TitleExample(ReportTitle.For(sample, request.Pattern));
    }
}
