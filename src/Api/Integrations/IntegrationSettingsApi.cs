using Microsoft.AspNetCore.Http.HttpResults;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Api.Outcomes;

namespace TeamRetro.Confluence.Api.Integrations;

/// <summary>Where reports go: the space picker (every space the integration can see, searchable) and the parent page titles.</summary>
public static class IntegrationSettingsApi
{
    public static RouteGroupBuilder MapIntegrationSettings(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(IntegrationsApi.Route).RequireAuthorization(AuthRegistration.AdminPolicy);
        group.MapGet("/spaces", ListSpaces);
        group.MapPut("/space", PutSpace);
        group.MapPut("/parent-titles", PutParentTitles);
        return group;
    }

    /// <param name="q">Matches anywhere in the key or the name, ignoring case.</param>
    static async Task<Results<Ok<SpaceList>, NotFound, ValidationProblem>> ListSpaces(Guid tenantId, string? q, IntegrationSettings settings,
        CancellationToken ct) =>
        (await settings.ListSpaces(tenantId, q, ct)).OkOrRefused();

    static async Task<Results<Ok<IntegrationView>, NotFound, ValidationProblem>> PutSpace(Guid tenantId, SpaceRequest request,
        IntegrationSettings settings, CancellationToken ct) =>
        (await settings.SaveSpace(tenantId, request, ct)).OkOrRefused();

    /// <summary>A null title restores the default. Existing reports stay where they are; new ones go under the new parent.</summary>
    static async Task<Results<Ok<IntegrationView>, NotFound, ValidationProblem>> PutParentTitles(Guid tenantId, ParentTitlesRequest request,
        IntegrationSettings settings, CancellationToken ct) =>
        (await settings.SaveParentTitles(tenantId, request, ct)).OkOrRefused();
}
