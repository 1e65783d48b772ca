using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Api.Integrations;
using TeamRetro.Confluence.Publishing.Atlassian;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Api.Console;

/// <summary>
/// Where Atlassian sends the admin back after consent (set Atlassian:RedirectUri to this page). The Api's callback handler
/// checks the state (this admin, this tenant, ten minutes) and stores the tokens; then the admin picks the site.
/// </summary>
public sealed class CloudCallbackModel(CurrentAdmin admin, CloudConnect connect) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? TenantId { get; set; }
    public List<string> Problems { get; } = [];
    public IReadOnlyList<AccessibleSite> Sites { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? code, string? state, string? error, [FromServices] IDataProtectionProvider protection,
        CancellationToken ct)
    {
        if (error is not null || code is null || state is null)
        {
            Problems.Add(error is null ? "Atlassian sent no authorization code." : $"Atlassian refused the connection: {error}.");
            return Page();
        }

        if (IntegrationsApi.TenantInState(protection, state) is not { } tenant)
        {
            Problems.Add("The connect request expired or was not started here; start it again.");
            return Page();
        }

        TenantId = tenant;
        var result = await IntegrationsApi.CompleteCloudConnect(tenant, code, state, admin, connect, protection, ct);
        switch (result.Result)
        {
            case Ok<IReadOnlyList<AccessibleSite>> ok:
                Sites = ok.Value ?? [];
                break;
            case ValidationProblem problem:
                Problems.AddRange(ConsoleText.Messages(problem));
                break;
            default:
                return NotFound();
        }

        if (Sites.Count == 0 && Problems.Count == 0)
            Problems.Add("This Atlassian account can reach no Confluence site.");
        return Page();
    }

    public async Task<IActionResult> OnPostSiteAsync(string? cloudId, string? spaceKey, [FromServices] PublicationDbContext db, CancellationToken ct)
    {
        if (TenantId is not { } tenant)
            return NotFound();
        var result = await IntegrationsApi.SelectCloudSite(tenant, new CloudSiteRequest(cloudId, spaceKey), admin, connect, db, ct);
        if (result.Result is NotFound)
            return NotFound();
        if (result.Result is ValidationProblem problem)
        {
            // The choice was refused: say why and offer this consent's sites again.
            Problems.AddRange(ConsoleText.Messages(problem));
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
