using System.Security.Claims;

namespace TeamRetro.Confluence.Api.Auth;

/// <summary>Who is calling: a tenant admin (one tenant) or an operator (every tenant).</summary>
public sealed class CurrentAdmin(IHttpContextAccessor http)
{
    ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    public string Subject => User.FindFirstValue("sub") ?? "";
    public bool IsOperator => User.IsInRole(ApiClaims.OperatorRole);

    public Guid? TenantId => Guid.TryParse(User.FindFirstValue(ApiClaims.TenantId), out var id) ? id : null;

    /// <summary>Whether this caller may see or change the tenant's data. Callers answer 404, not 403, so ids do not leak.</summary>
    public bool CanAct(Guid tenantId) => IsOperator || (User.IsInRole(ApiClaims.TenantAdminRole) && TenantId == tenantId);
}
