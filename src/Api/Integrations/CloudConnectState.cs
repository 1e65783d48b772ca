using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using TeamRetro.Confluence.Publishing.Confluence;

namespace TeamRetro.Confluence.Api.Integrations;

/// <summary>
/// The OAuth <c>state</c> of a Cloud connect request: "tenant|admin|profile", encrypted and valid for 10 minutes, so the
/// callback can tell a genuine, fresh request from the admin who started it.
/// </summary>
public sealed class CloudConnectState(IDataProtectionProvider protection)
{
    static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public string Protect(Guid tenantId, string adminSubject, ConfluenceApiProfile profile) =>
        Protector().Protect($"{tenantId}|{adminSubject}|{profile}", Lifetime);

    /// <summary>The tenant a connect request was started for, when the state is genuine and fresh (the console's callback needs it).</summary>
    public Guid? TenantOf(string state) =>
        Parts(state) is [var tenant, ..] && Guid.TryParse(tenant, out var id) ? id : null;

    /// <summary>"tenant|admin|profile" from a genuine, unexpired state; null otherwise.</summary>
    public string[]? Parts(string state)
    {
        try
        {
            return Protector().Unprotect(state).Split('|');
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    ITimeLimitedDataProtector Protector() =>
        protection.CreateProtector("TeamRetro.Confluence.CloudConnectState.v1").ToTimeLimitedDataProtector();
}
