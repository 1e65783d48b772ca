using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TeamRetro.Confluence.Api.Auth;

/// <summary>
/// POST /dev/token {"tenantId": "...", "role": "tenant-admin" | "operator"}: a one-hour token from the development
/// issuer, mapped only when Auth:DevelopmentIssuer is true, which the Api accepts only in the Development environment and
/// without Auth:Authority (<see cref="AuthRegistration"/>). Production uses the customer's identity provider.
/// </summary>
public static class DevelopmentTokens
{
    public sealed record TokenRequest(Guid? TenantId, string Role = ApiClaims.TenantAdminRole, string Subject = "dev-admin");

    public static void MapDevelopmentTokens(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<ApiAuthOptions>>().Value.DevelopmentIssuer)
            return;
        app.MapPost("/dev/token", (TokenRequest request, IOptions<ApiAuthOptions> options) =>
            Results.Ok(new { access_token = Issue(options.Value, request.Subject, request.Role, request.TenantId), token_type = "Bearer" }))
            .AllowAnonymous();
    }

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
