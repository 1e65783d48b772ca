using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Api.Integrations;
using TeamRetro.Confluence.Api.Outcomes;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;

namespace TeamRetro.Confluence.Api.Console;

/// <summary>Integration setup. Every form calls the Api's own use case, so validation, live checks and tenant rules are the Api's.</summary>
public sealed class IntegrationModel(CurrentAdmin admin, TenantIntegrations integrations) : PageModel
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

    public async Task OnGetAsync([FromServices] IntegrationSettings settings, CancellationToken ct)
    {
        if (Tenant is not { } tenant)
            return;
        await Load(tenant, ct);
        if (View is not null && Q is not null)
        {
            var listed = await settings.ListSpaces(tenant, Q, ct);
            Spaces = listed.Value;
            Collect(listed.Refusal);
        }
    }

    public async Task<IActionResult> OnPostCredentialsAsync(string baseUrl, ConfluenceAuthKind authKind, string? username, string secret, string spaceKey,
        [FromServices] IntegrationCredentials credentials, CancellationToken ct)
    {
        if (Tenant is not { } tenant)
            return NotFound();
        var request = new ServerIntegrationRequest(baseUrl ?? "", authKind, username, secret ?? "", spaceKey ?? "");
        Typed = request;
        var saved = await credentials.Save(tenant, request, ct);
        return await Done(tenant, saved.Refusal, "Credentials checked and saved.", ct);
    }

    public IActionResult OnPostConnectCloud(ConfluenceApiProfile profile, [FromServices] CloudConnection cloud)
    {
        if (Tenant is not { } tenant)
            return NotFound();
        return cloud.Start(tenant, profile) is { IsOk: true, Value: { } started } ? Redirect(started.AuthorizeUrl) : NotFound();
    }

    public async Task<IActionResult> OnPostSpaceAsync(string spaceKey, [FromServices] IntegrationSettings settings, CancellationToken ct)
    {
        if (Tenant is not { } tenant)
            return NotFound();
        var saved = await settings.SaveSpace(tenant, new SpaceRequest(spaceKey ?? ""), ct);
        return await Done(tenant, saved.Refusal, $"Reports now go to space {spaceKey}.", ct);
    }

    public async Task<IActionResult> OnPostParentTitlesAsync(string? retrospectives, string? healthChecks, [FromServices] IntegrationSettings settings,
        CancellationToken ct)
    {
        if (Tenant is not { } tenant)
            return NotFound();
        // An emptied field means "the default title".
        var request = new ParentTitlesRequest(NullIfEmpty(retrospectives), NullIfEmpty(healthChecks));
        var saved = await settings.SaveParentTitles(tenant, request, ct);
        return await Done(tenant, saved.Refusal, "Parent page titles saved.", ct);
    }

    public async Task<IActionResult> OnPostEnabledAsync(bool enabled, CancellationToken ct)
    {
        if (Tenant is not { } tenant)
            return NotFound();
        var saved = await integrations.SetEnabled(tenant, enabled, ct);
        return await Done(tenant, saved.Refusal, enabled ? "Integration enabled." : "Integration disabled.", ct);
    }

    /// <summary>Success redirects (so a reload does not post again); a refusal shows the form again with the use case's message.</summary>
    async Task<IActionResult> Done(Guid tenant, Refusal? refusal, string success, CancellationToken ct)
    {
        if (refusal is NotFoundRefusal)
            return NotFound();
        if (refusal is InvalidRefusal)
        {
            Collect(refusal);
            await Load(tenant, ct);
            return Page();
        }

        Message = success;
        return RedirectToPage(new { tenantId = admin.IsOperator ? tenant : (Guid?)null });
    }

    async Task Load(Guid tenant, CancellationToken ct) => View = (await integrations.Get(tenant, ct)).Value;

    void Collect(Refusal? refusal)
    {
        if (refusal is InvalidRefusal invalid)
            Problems.Add(invalid.Message);
    }

    static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
