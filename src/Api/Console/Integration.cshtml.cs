using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Api.Integrations;
using TeamRetro.Confluence.Publishing.Atlassian;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Api.Console;

/// <summary>Integration setup. Every form calls the Api's own handler, so validation, live checks and tenant rules are the Api's.</summary>
public sealed class IntegrationModel(PublicationDbContext db, CurrentAdmin admin, TimeProvider clock) : PageModel
{
    public static readonly (ConfluenceAuthKind Kind, string Label)[] CredentialKinds =
    [
        (ConfluenceAuthKind.ServerBasic, "Username and password"),
        (ConfluenceAuthKind.ServerPersonalAccessToken, "Personal access token"),
        (ConfluenceAuthKind.CloudApiToken, "Cloud account email and API token"),
    ];

    /// <summary>Operators name the tenant; a tenant admin always acts on its own.</summary>
    [BindProperty(SupportsGet = true)] public Guid? TenantId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [TempData] public string? Message { get; set; }
    public List<string> Problems { get; } = [];
    public IntegrationView? View { get; private set; }
    public SpaceList? Spaces { get; private set; }
    /// <summary>Credentials refused: the form shows what was typed again (never the secret).</summary>
    public ServerIntegrationRequest? Typed { get; private set; }
    public Guid? Tenant => admin.IsOperator ? TenantId : admin.TenantId;

    public async Task OnGetAsync([FromServices] ConfluenceSiteResolver sites, [FromServices] ConfluenceClient confluence, CancellationToken ct)
    {
        if (Tenant is not { } tenant)
            return;
        await Load(tenant, ct);
        if (View is not null && Q is not null)
        {
            var listed = await IntegrationSettingsApi.ListSpaces(tenant, Q, admin, sites, confluence, ct);
            if (listed.Result is Ok<SpaceList> ok)
                Spaces = ok.Value;
            Collect(listed.Result);
        }
    }

    public async Task<IActionResult> OnPostCredentialsAsync(string baseUrl, ConfluenceAuthKind authKind, string? username, string secret, string spaceKey,
        [FromServices] SecretProtector secrets, [FromServices] ConfluenceClient confluence, [FromServices] IOptions<ConfluenceOptions> options,
        CancellationToken ct)
    {
        if (Tenant is not { } tenant)
            return NotFound();
        var request = new ServerIntegrationRequest(baseUrl ?? "", authKind, username, secret ?? "", spaceKey ?? "");
        Typed = request;
        var result = await IntegrationsApi.PutCredentials(tenant, request, admin, db, secrets, confluence, options, clock, ct);
        return await Done(tenant, result.Result, "Credentials checked and saved.", ct);
    }

    public IActionResult OnPostConnectCloud(ConfluenceApiProfile profile, [FromServices] CloudConnect connect, [FromServices] IDataProtectionProvider protection)
    {
        if (Tenant is not { } tenant)
            return NotFound();
        var result = IntegrationsApi.StartCloudConnect(tenant, new CloudConnectRequest(profile), admin, connect, protection);
        return result.Result is Ok<Dictionary<string, string>> { Value: { } started } ? Redirect(started["authorizeUrl"]) : NotFound();
    }

    public async Task<IActionResult> OnPostSpaceAsync(string spaceKey, [FromServices] ConfluenceSiteResolver sites, [FromServices] ConfluenceClient confluence,
        CancellationToken ct)
    {
        if (Tenant is not { } tenant)
            return NotFound();
        var result = await IntegrationSettingsApi.PutSpace(tenant, new SpaceRequest(spaceKey ?? ""), admin, db, sites, confluence, clock, ct);
        return await Done(tenant, result.Result, $"Reports now go to space {spaceKey}.", ct);
    }

    public async Task<IActionResult> OnPostParentTitlesAsync(string? retrospectives, string? healthChecks, CancellationToken ct)
    {
        if (Tenant is not { } tenant)
            return NotFound();
        // An emptied field means "the default title".
        var request = new ParentTitlesRequest(NullIfEmpty(retrospectives), NullIfEmpty(healthChecks));
        var result = await IntegrationSettingsApi.PutParentTitles(tenant, request, admin, db, clock, ct);
        return await Done(tenant, result.Result, "Parent page titles saved.", ct);
    }

    public async Task<IActionResult> OnPostEnabledAsync(bool enabled, CancellationToken ct)
    {
        if (Tenant is not { } tenant)
            return NotFound();
        var result = await IntegrationsApi.PutEnabled(tenant, enabled, admin, db, clock, ct);
        return await Done(tenant, result.Result, enabled ? "Integration enabled." : "Integration disabled.", ct);
    }

    /// <summary>Success redirects (so a reload does not post again); a refusal shows the form again with the Api's messages.</summary>
    async Task<IActionResult> Done(Guid tenant, IResult result, string success, CancellationToken ct)
    {
        if (result is NotFound)
            return NotFound();
        if (result is ValidationProblem)
        {
            Collect(result);
            await Load(tenant, ct);
            return Page();
        }

        Message = success;
        return RedirectToPage(new { tenantId = admin.IsOperator ? tenant : (Guid?)null });
    }

    async Task Load(Guid tenant, CancellationToken ct) =>
        View = (await IntegrationsApi.Get(tenant, admin, db, ct)).Result is Ok<IntegrationView> ok ? ok.Value : null;

    void Collect(IResult result)
    {
        if (result is ValidationProblem problem)
            Problems.AddRange(ConsoleText.Messages(problem));
    }

    static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
