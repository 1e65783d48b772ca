using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Integration.Tests.Api;

namespace TeamRetro.Confluence.Integration.Tests.BadInput;

/// <summary>Bearer tokens an attacker could present: each is recorded as a secret, so none may show up in a log.</summary>
public static class CorpusTokens
{
    static readonly ApiAuthOptions Options = new() { SigningKey = AdminApiFactory.SigningKey };

    public static string Valid(Guid tenantId, string role = ApiClaims.TenantAdminRole) =>
        CorpusSecrets.Use(DevelopmentTokens.Issue(Options, "corpus-admin", role, tenantId));

    public static string Expired(Guid tenantId) => Create(tenantId, AdminApiFactory.SigningKey, expires: DateTime.UtcNow.AddHours(-1));

    public static string SignedWithAnotherKey(Guid tenantId) => Create(tenantId, "an-attackers-own-signing-key-0123456789abcdef");

    public static string ForAnotherAudience(Guid tenantId) => Create(tenantId, AdminApiFactory.SigningKey, audience: "some-other-api");

    public static string FromAnotherIssuer(Guid tenantId) => Create(tenantId, AdminApiFactory.SigningKey, issuer: "https://evil.example");

    /// <summary>alg "none": the classic unsigned token that a careless validator accepts.</summary>
    public static string WithAlgNone(Guid tenantId, string role = ApiClaims.OperatorRole)
    {
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64Url($$"""
            {"sub":"corpus-attacker","role":"{{role}}","tenant_id":"{{tenantId}}","iss":"{{Options.Issuer}}","aud":"{{Options.Audience}}","exp":{{DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds()}}}
            """);
        return CorpusSecrets.Use($"{header}.{payload}.");
    }

    /// <summary>A well-signed token whose tenant claim is not an id at all.</summary>
    public static string WithTenantClaim(string tenantClaim) =>
        CorpusSecrets.Use(new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Options.Issuer,
            Audience = Options.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "corpus-admin", ["role"] = ApiClaims.TenantAdminRole, [ApiClaims.TenantId] = tenantClaim },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = Credentials(AdminApiFactory.SigningKey),
        }));

    static string Create(Guid tenantId, string key, DateTime? expires = null, string? audience = null, string? issuer = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        return CorpusSecrets.Use(new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Options.Issuer,
            Audience = audience ?? Options.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "corpus-admin", ["role"] = ApiClaims.OperatorRole, [ApiClaims.TenantId] = tenantId.ToString() },
            IssuedAt = expiry.AddHours(-2),
            NotBefore = expiry.AddHours(-2),
            Expires = expiry,
            SigningCredentials = Credentials(key),
        }));
    }

    static SigningCredentials Credentials(string key) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256);

    static string Base64Url(string json) => Base64UrlEncoder.Encode(json);
}
