using Microsoft.AspNetCore.Http.HttpResults;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Api.Outcomes;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Atlassian;

namespace TeamRetro.Confluence.Api.Integrations;

/// <summary>A tenant's Confluence integration: Server / Data Center or Cloud API token credentials, the Cloud OAuth connect flow, templates.</summary>
public static class IntegrationsApi
{
    public const string Route = "/api/tenants/{tenantId:guid}/integration";

    public static RouteGroupBuilder MapIntegrations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Route).RequireAuthorization(AuthRegistration.AdminPolicy);
        group.MapGet("/", Get);
        group.MapPut("/credentials", PutCredentials);
        group.MapPost("/cloud/connect", StartCloudConnect);
        group.MapGet("/cloud/callback", CompleteCloudConnect);
        group.MapPut("/cloud/site", SelectCloudSite);
        group.MapPut("/templates/{kind}", PutTemplate);
        group.MapPut("/title-pattern", PutTitlePattern);
        group.MapPut("/enabled", PutEnabled);
        group.MapDelete("/", Delete);
        return group;
    }

    static async Task<Results<Ok<IntegrationView>, NotFound>> Get(Guid tenantId, TenantIntegrations integrations, CancellationToken ct) =>
        (await integrations.Get(tenantId, ct)).OkOrNotFound();

    /// <summary>Server / Data Center (basic or personal access token) or Cloud with an API token: validated, then verified live.</summary>
    static async Task<Results<Ok<IntegrationView>, NotFound, ValidationProblem>> PutCredentials(Guid tenantId, ServerIntegrationRequest request,
        IntegrationCredentials credentials, CancellationToken ct) =>
        (await credentials.Save(tenantId, request, ct)).OkOrRefused();

    /// <summary>Starts Cloud OAuth: the state is encrypted, names the tenant and the admin, and expires in 10 minutes.</summary>
    static Results<Ok<CloudConnectStarted>, NotFound> StartCloudConnect(Guid tenantId, CloudConnectRequest request, CloudConnection cloud) =>
        cloud.Start(tenantId, request.ApiProfile).OkOrNotFound();

    static async Task<Results<Ok<IReadOnlyList<AccessibleSite>>, NotFound, ValidationProblem>> CompleteCloudConnect(Guid tenantId, string code,
        string state, CloudConnection cloud, CancellationToken ct) =>
        (await cloud.Complete(tenantId, code, state, ct)).OkOrRefused();

    /// <summary>Only a site this consent's accessible resources list, and a space that exists on it (security review F11).</summary>
    static async Task<Results<Ok, NotFound, ValidationProblem>> SelectCloudSite(Guid tenantId, CloudSiteRequest request, CloudConnection cloud,
        CancellationToken ct) =>
        (await cloud.SelectSite(tenantId, request, ct)).OkOrRefused();

    /// <summary>
    /// A tenant template is checked (size, refused constructs, a sample meeting and a hostile one) before it is stored;
    /// problems come back under "template", with line and column where there is one.
    /// </summary>
    static async Task<Results<Ok<TemplatePreview>, NotFound, ValidationProblem>> PutTemplate(Guid tenantId, MeetingKind kind, TemplateRequest request,
        ReportFormatting formatting, CancellationToken ct) =>
        (await formatting.SaveTemplate(tenantId, kind, request, ct)).OkOrRefused();

    static async Task<Results<Ok<TitleExample>, NotFound, ValidationProblem>> PutTitlePattern(Guid tenantId, TitlePatternRequest request,
        ReportFormatting formatting, CancellationToken ct) =>
        (await formatting.SaveTitlePattern(tenantId, request, ct)).OkOrRefused();

    /// <summary>A disabled integration fails its publications with that reason; they can be replayed once it is enabled.</summary>
    static async Task<Results<Ok<IntegrationView>, NotFound>> PutEnabled(Guid tenantId, bool enabled, TenantIntegrations integrations,
        CancellationToken ct) =>
        (await integrations.SetEnabled(tenantId, enabled, ct)).OkOrNotFound();

    /// <summary>
    /// Forgets the integration and its secrets (204): publications stay listed; new ones fail until an integration exists
    /// again. With <c>purge=true</c> also deletes the tenant's publications and says how many (200).
    /// </summary>
    static async Task<Results<NoContent, Ok<TenantDataDeleted>, NotFound>> Delete(Guid tenantId, TenantIntegrations integrations, CancellationToken ct,
        bool purge = false)
    {
        if (!purge)
            return (await integrations.Delete(tenantId, ct)).IsOk ? TypedResults.NoContent() : TypedResults.NotFound();
        var outcome = await integrations.DeleteWithData(tenantId, ct);
        return outcome is { IsOk: true, Value: { } deleted } ? TypedResults.Ok(deleted) : TypedResults.NotFound();
    }
}
