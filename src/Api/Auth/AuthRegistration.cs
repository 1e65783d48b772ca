using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace TeamRetro.Confluence.Api.Auth;

public static class AuthRegistration
{
    public const string AdminPolicy = "admin";
    /// <summary>The admin console: the same roles, proven by the console's cookie (made from a validated token) instead of a bearer header.</summary>
    public const string ConsolePolicy = "console";
    public const string ConsoleScheme = "console";

    /// <summary>Every endpoint needs a tenant admin or an operator (the fallback policy), except health.</summary>
    public static void AddApiAuthentication(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ApiAuthOptions.Section).Get<ApiAuthOptions>() ?? new ApiAuthOptions();
        builder.Services.Configure<ApiAuthOptions>(builder.Configuration.GetSection(ApiAuthOptions.Section));
        if (string.IsNullOrEmpty(options.Authority))
            _ = SigningKey(options); // fail at start, not on the first request, when neither is configured
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters.RoleClaimType = "role";
            jwt.TokenValidationParameters.NameClaimType = "sub";
            jwt.TokenValidationParameters.ValidAudience = options.Audience;
            if (!string.IsNullOrEmpty(options.Authority))
            {
                jwt.Authority = options.Authority;
            }
            else
            {
                jwt.TokenValidationParameters.ValidIssuer = options.Issuer;
                jwt.TokenValidationParameters.IssuerSigningKey = SigningKey(options);
            }
        }).AddCookie(ConsoleScheme, cookie =>
        {
            cookie.LoginPath = "/console/login";
            cookie.Cookie.Name = "teamretro-console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax; // Lax: the OAuth redirect back from Atlassian must carry it
            cookie.SlidingExpiration = false; // the cookie lives no longer than the token it was made from
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(ApiClaims.TenantAdminRole, ApiClaims.OperatorRole))
            .AddPolicy(ConsolePolicy, p => p.AddAuthenticationSchemes(ConsoleScheme).RequireAuthenticatedUser()
                .RequireRole(ApiClaims.TenantAdminRole, ApiClaims.OperatorRole))
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CurrentAdmin>();
    }

    internal static SymmetricSecurityKey SigningKey(ApiAuthOptions options) =>
        options.SigningKey is { Length: >= 32 } key
            ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key))
            : throw new InvalidOperationException("Auth:SigningKey (at least 32 characters) or Auth:Authority must be configured.");
}
