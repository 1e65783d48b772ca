using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Api.Integrations;
using TeamRetro.Confluence.Api.Outcomes;
using TeamRetro.Confluence.Publishing.Atlassian;
using TeamRetro.Confluence.Publishing.Confluence;

namespace TeamRetro.Confluence.Api.Console;

/// <summary>
/// Where Atlassian sends the admin back after consent (set Atlassian:RedirectUri to this page). The Api's use case
/// checks the state (this admin, this tenant, ten minutes) and stores the tokens; then the admin picks the site.
/// </summary>
public sealed class CloudCallbackModel(CurrentAdmin admin, CloudConnection cloud, CloudConnect connect) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? TenantId { get; set; }
    public List<string> Problems { get; } = [];
    public IReadOnlyList<AccessibleSite> Sites { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? code, string? state, string? error, [FromServices] CloudConnectState states,
        CancellationToken ct)
    {
        if (error is not null || code is null || state is null)
        {
            Problems.Add(error is null ? "Atlassian sent no authorization code." : $"Atlassian refused the connection: {error}.");
            return Page();
        }

        if (states.TenantOf(state) is not { } tenant)
        {
            Problems.Add("The connect request expired or was not started here; start it again.");
            return Page();
        }

        TenantId = tenant;
        var completed = await cloud.Complete(tenant, code, state, ct);
        switch (completed.Refusal)
        {
            case null:
                Sites = completed.Value ?? [];
                break;
            case InvalidRefusal invalid:
                Problems.Add(invalid.Message);
                break;
            default:
                return NotFound();
        }

        if (Sites.Count == 0 && Problems.Count == 0)
            Problems.Add("This Atlassian account can reach no Confluence site.");
        return Page();
    }

    public async Task<IActionResult> OnPostSiteAsync(string? cloudId, string? spaceKey, CancellationToken ct)
    {
        if (TenantId is not { } tenant)
            return NotFound();
        var selected = await cloud.SelectSite(tenant, new CloudSiteRequest(cloudId, spaceKey), ct);
        if (selected.Refusal is NotFoundRefusal)
            return NotFound();
        if (selected.Refusal is InvalidRefusal invalid)
        {
            // The choice was refused: say why and offer this consent's sites again.
            Problems.Add(invalid.Message);
            try
            {
                Sites = await connect.Sites(tenant, ct);
            }
            catch (PublicationFailedException e)
            {
                Problems.Add(e.Message);
            }

            return Page();
        }

        TempData["Message"] = "Confluence Cloud connected.";
        return RedirectToPage("/Integration", new { tenantId = admin.IsOperator ? tenant : (Guid?)null });
    }
}
