using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Persistence;
using static TeamRetro.Confluence.Api.Integrations.IntegrationsApi;

namespace TeamRetro.Confluence.Api.Integrations;

public sealed record SpaceChoice(string Key, string Name);

public sealed record SpaceList(IReadOnlyList<SpaceChoice> Items, int Total);

public sealed record SpaceRequest(string SpaceKey);

public sealed record ParentTitlesRequest(string? Retrospectives, string? HealthChecks);

/// <summary>Where reports go: the space picker (every space the integration can see, searchable) and the parent page titles.</summary>
public static class IntegrationSettingsApi
{
    public const string DefaultRetrospectivesParent = "Retrospectives";
    public const string DefaultHealthChecksParent = "Health Checks";

    public static void MapIntegrationSettings(this RouteGroupBuilder group)
    {
        group.MapGet("/spaces", ListSpaces);
        group.MapPut("/space", PutSpace);
        group.MapPut("/parent-titles", PutParentTitles);
    }

    /// <param name="q">Matches anywhere in the key or the name, ignoring case.</param>
    internal static async Task<Results<Ok<SpaceList>, NotFound, ValidationProblem>> ListSpaces(Guid tenantId, string? q, CurrentAdmin admin,
        ConfluenceSiteResolver sites, ConfluenceClient confluence, CancellationToken ct)
    {
        if (!admin.CanAct(tenantId))
            return TypedResults.NotFound();
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
            return TypedResults.Ok(new SpaceList(matching, all.Count));
        }
        catch (PublicationFailedException e)
        {
            return Invalid("integration", e.Message);
        }
    }

    internal static async Task<Results<Ok<IntegrationView>, NotFound, ValidationProblem>> PutSpace(Guid tenantId, SpaceRequest request, CurrentAdmin admin,
        PublicationDbContext db, ConfluenceSiteResolver sites, ConfluenceClient confluence, TimeProvider clock, CancellationToken ct)
    {
        var integration = await Own(db, admin, tenantId, ct);
        if (integration is null)
            return TypedResults.NotFound();
        if (string.IsNullOrWhiteSpace(request.SpaceKey) || request.SpaceKey.Length > 255)
            return Invalid("spaceKey", "A space key of 1 to 255 characters is required.");
        try
        {
            var (_, site) = await sites.Resolve(tenantId, ct);
            if (await confluence.FindSpace(site, request.SpaceKey.Trim(), ct) is null)
                return Invalid("spaceKey", $"Space '{request.SpaceKey}' was not found, or the integration cannot see it.");
        }
        catch (PublicationFailedException e)
        {
            return Invalid("integration", e.Message);
        }

        integration.SpaceKey = request.SpaceKey.Trim();
        integration.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await View(db, integration, ct));
    }

    /// <summary>A null title restores the default. Existing reports stay where they are; new ones go under the new parent.</summary>
    internal static async Task<Results<Ok<IntegrationView>, NotFound, ValidationProblem>> PutParentTitles(Guid tenantId, ParentTitlesRequest request,
        CurrentAdmin admin, PublicationDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var integration = await Own(db, admin, tenantId, ct);
        if (integration is null)
            return TypedResults.NotFound();
        if (TitleProblem(request.Retrospectives) is { } r)
            return Invalid("retrospectives", r);
        if (TitleProblem(request.HealthChecks) is { } h)
            return Invalid("healthChecks", h);

        integration.RetrospectiveParentTitle = request.Retrospectives?.Trim() ?? DefaultRetrospectivesParent;
        integration.HealthCheckParentTitle = request.HealthChecks?.Trim() ?? DefaultHealthChecksParent;
        integration.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await View(db, integration, ct));
    }

    static string? TitleProblem(string? title) =>
        title is null ? null
        : string.IsNullOrWhiteSpace(title) ? "A parent page title cannot be blank; send null for the default."
        : title.Trim().Length > 255 ? "Confluence page titles are at most 255 characters."
        : title.Any(char.IsControl) ? "A parent page title cannot contain control characters."
        : null;
}
