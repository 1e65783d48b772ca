using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Api.Auth;

namespace TeamRetro.Confluence.Api.Console;

/// <summary>
/// Turns an admin's bearer token into the console's cookie. The token is checked exactly as the Api checks it (the JWT
/// bearer handler's own validation parameters and signing keys), so the console grants nothing the Api would not.
/// </summary>
public sealed class ConsoleSignIn(IOptionsMonitor<JwtBearerOptions> jwtOptions)
{
    public async Task<string?> SignIn(HttpContext http, string token)
    {
        var jwt = jwtOptions.Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = jwt.TokenValidationParameters.Clone();
        if (jwt.ConfigurationManager is { } discovery) // an Authority: its issuer and keys come from OIDC discovery
        {
            var config = await discovery.GetConfigurationAsync(http.RequestAborted);
            parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], config.Issuer];
            parameters.IssuerSigningKeys = config.SigningKeys;
        }

        var result = await jwt.TokenHandlers[0].ValidateTokenAsync(token.Trim(), parameters);
        if (!result.IsValid)
            return "The token was not accepted: it is expired, malformed, or not issued for this Api.";
        var identity = new ClaimsIdentity(result.ClaimsIdentity.Claims, AuthRegistration.ConsoleScheme, "sub", "role");
        var user = new ClaimsPrincipal(identity);
        if (!user.IsInRole(ApiClaims.TenantAdminRole) && !user.IsInRole(ApiClaims.OperatorRole))
            return "The token is valid but carries neither the tenant-admin nor the operator role.";

        await http.SignInAsync(AuthRegistration.ConsoleScheme, user, new AuthenticationProperties
        {
            ExpiresUtc = result.SecurityToken.ValidTo,
            IsPersistent = false,
        });
        return null;
    }
}
