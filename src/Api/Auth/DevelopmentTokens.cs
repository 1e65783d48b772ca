using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TeamRetro.Confluence.Api.Auth;

/// <summary>
/// One-hour tokens from the development issuer, for <see cref="DevelopmentTokensApi"/> and the console's login page.
/// Production uses the customer's identity provider.
/// </summary>
public static class DevelopmentTokens
{
    public static string Issue(ApiAuthOptions options, string subject, string role, Guid? tenantId)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["role"] = role };
        if (tenantId is { } id)
            claims[ApiClaims.TenantId] = id.ToString();
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Claims = claims,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(AuthRegistration.SigningKey(options), SecurityAlgorithms.HmacSha256),
        });
    }
}
