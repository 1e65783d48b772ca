using TeamRetro.Confluence.Publishing.Rendering;
using TeamRetro.Confluence.Api.Outcomes;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Api.Integrations;

/// <summary>Where reports go: the space (picked from every space the integration can see) and the parent page titles.</summary>
public sealed class IntegrationSettings(IntegrationAccess access, PublicationDbContext db, ConfluenceSiteResolver sites, ConfluenceClient confluence,
    TimeProvider clock)
{

    /// <param name="q">Matches anywhere in the key or the name, ignoring case.</param>
    public async Task<Outcome<SpaceList>> ListSpaces(Guid tenantId, string? q, CancellationToken ct)
    {
        if (!access.Allows(tenantId))
            return Outcome.NotFound;
        try
        {
            var (_, site) = await sites.Resolve(tenantId, ct);
            var all = new List<SpaceChoice>();
            await foreach (var space in confluence.ListSpaces(site, ct)) // follows Confluence's paging to the end
                all.Add(new SpaceChoice(space.Key, space.Name));
            var matching = all
                .Where(s => string.IsNullOrWhiteSpace(q)
                    || s.Key.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase) || s.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase))
                .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Key, StringComparer.Ordinal)
                .ToList();
            return new SpaceList(matching, all.Count);
        }
        catch (PublicationFailedException e)
        {
            return Outcome.Invalid("integration", e.Message);
        }
    }

    public async Task<Outcome<IntegrationView>> SaveSpace(Guid tenantId, SpaceRequest request, CancellationToken ct)
    {
        var integration = await access.Find(tenantId, ct);
        if (integration is null)
            return Outcome.NotFound;
        if (string.IsNullOrWhiteSpace(request.SpaceKey) || request.SpaceKey.Length > StoredText.NameLength)
            return Outcome.Invalid("spaceKey", $"A space key of 1 to {StoredText.NameLength} characters is required.");
        try
        {
            var (_, site) = await sites.Resolve(tenantId, ct);
            if (await confluence.FindSpace(site, request.SpaceKey.Trim(), ct) is null)
                return Outcome.Invalid("spaceKey", $"Space '{request.SpaceKey}' was not found, or the integration cannot see it.");
        }
        catch (PublicationFailedException e)
        {
            return Outcome.Invalid("integration", e.Message);
        }

        integration.SpaceKey = request.SpaceKey.Trim();
        integration.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return await IntegrationView.Of(db, integration, ct);
    }

    /// <summary>A null title restores the default. Existing reports stay where they are; new ones go under the new parent.</summary>
    public async Task<Outcome<IntegrationView>> SaveParentTitles(Guid tenantId, ParentTitlesRequest request, CancellationToken ct)
    {
        var integration = await access.Find(tenantId, ct);
        if (integration is null)
            return Outcome.NotFound;
        if (TitleProblem(request.Retrospectives) is { } r)
            return Outcome.Invalid("retrospectives", r);
        if (TitleProblem(request.HealthChecks) is { } h)
            return Outcome.Invalid("healthChecks", h);

        integration.RetrospectiveParentTitle = request.Retrospectives?.Trim() ?? ConfluenceIntegration.DefaultRetrospectiveParentTitle;
        integration.HealthCheckParentTitle = request.HealthChecks?.Trim() ?? ConfluenceIntegration.DefaultHealthCheckParentTitle;
        integration.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return await IntegrationView.Of(db, integration, ct);
    }

    static string? TitleProblem(string? title) =>
        title is null ? null
        : string.IsNullOrWhiteSpace(title) ? "A parent page title cannot be blank; send null for the default."
        : title.Trim().Length > ReportTitle.MaxLength ? $"Confluence page titles are at most {ReportTitle.MaxLength} characters."
        : title.Any(char.IsControl) ? "A parent page title cannot contain control characters."
        : null;
}
