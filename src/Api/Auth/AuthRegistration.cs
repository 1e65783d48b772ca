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
        RefuseUnsafeDevelopmentIssuer(options, builder.Environment);
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

    /// <summary>
    /// POST /dev/token signs any role for any tenant, anonymously: it may only run on a developer's machine, so the Api
    /// refuses to start with it outside the Development environment or beside a real identity provider.
    /// </summary>
    static void RefuseUnsafeDevelopmentIssuer(ApiAuthOptions options, IHostEnvironment environment)
    {
        if (!options.DevelopmentIssuer)
            return;
        if (!environment.IsDevelopment())
            throw new InvalidOperationException(
                $"Auth:DevelopmentIssuer is true in the '{environment.EnvironmentName}' environment. It lets anyone mint an operator token, " +
                "so it is allowed only in the Development environment (ASPNETCORE_ENVIRONMENT=Development, on a developer's machine). " +
                "Remove it and configure Auth:Authority and Auth:Audience of your identity provider.");
        if (!string.IsNullOrEmpty(options.Authority))
            throw new InvalidOperationException(
                "Auth:DevelopmentIssuer and Auth:Authority are both set: the development issuer would mint tokens beside the identity provider's. " +
                "Remove Auth:DevelopmentIssuer.");
    }

    internal static SymmetricSecurityKey SigningKey(ApiAuthOptions options) =>
        options.SigningKey is { Length: >= 32 } key
            ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key))
            : throw new InvalidOperationException("Auth:SigningKey (at least 32 characters) or Auth:Authority must be configured.");
}
