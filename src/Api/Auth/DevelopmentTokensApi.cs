using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace TeamRetro.Confluence.Api.Auth;

public sealed record TokenRequest(Guid? TenantId, string Role = ApiClaims.TenantAdminRole, string Subject = "dev-admin");

/// <summary>Named as OAuth token responses name them (RFC 6749 §5.1).</summary>
public sealed record TokenAnswer([property: JsonPropertyName("access_token")] string AccessToken, [property: JsonPropertyName("token_type")] string TokenType);

/// <summary>
/// POST /dev/token {"tenantId": "...", "role": "tenant-admin" | "operator"}: a one-hour token from the development
/// issuer, mapped only when Auth:DevelopmentIssuer is true, which the Api accepts only in the Development environment and
/// without Auth:Authority (<see cref="AuthRegistration"/>).
/// </summary>
public static class DevelopmentTokensApi
{
    public static RouteGroupBuilder MapDevelopmentTokens(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/dev").AllowAnonymous();
        if (!app.ServiceProvider.GetRequiredService<IOptions<ApiAuthOptions>>().Value.DevelopmentIssuer)
            return group;
        group.MapPost("/token", IssueToken);
        return group;
    }

    static Ok<TokenAnswer> IssueToken(TokenRequest request, IOptions<ApiAuthOptions> options) =>
        TypedResults.Ok(new TokenAnswer(DevelopmentTokens.Issue(options.Value, request.Subject, request.Role, request.TenantId), "Bearer"));
}
