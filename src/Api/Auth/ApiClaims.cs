namespace TeamRetro.Confluence.Api.Auth;

/// <summary>The claims and roles an admin's token carries (docs/api.md, Authentication).</summary>
public static class ApiClaims
{
    /// <summary>The tenant a tenant admin acts for.</summary>
    public const string TenantId = "tenant_id";
    public const string TenantAdminRole = "tenant-admin";
    /// <summary>Acts across tenants.</summary>
    public const string OperatorRole = "operator";
}
