using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Api.Auth;

namespace TeamRetro.Confluence.Api.Console;

/// <summary>The console signs in with the same bearer token the Api takes; locally, the development issuer can mint one.</summary>
public sealed class LoginModel(ConsoleSignIn signIn, IOptions<ApiAuthOptions> auth) : PageModel
{
    public string? Problem { get; private set; }
    public bool DevelopmentIssuer => auth.Value.DevelopmentIssuer;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string token, string? returnUrl)
    {
        Problem = await signIn.SignIn(HttpContext, token ?? "");
        return Problem is null ? LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/console") : Page();
    }

    public async Task<IActionResult> OnPostDevelopmentAsync(string? tenantId, string role, string? returnUrl)
    {
        if (!DevelopmentIssuer)
            return NotFound();
        if (!string.IsNullOrWhiteSpace(tenantId) && !Guid.TryParse(tenantId, out _))
        {
            Problem = "The tenant id must be a GUID.";
            return Page();
        }

        var token = DevelopmentTokens.Issue(auth.Value, "dev-admin", role, Guid.TryParse(tenantId, out var tenant) ? tenant : null);
        return await OnPostAsync(token, returnUrl);
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(AuthRegistration.ConsoleScheme);
        return RedirectToPage();
    }
}
