using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using TeamRetro.Confluence.Publishing.Confluence;

namespace TeamRetro.Confluence.Publishing.Integrations;

/// <summary>
/// Encrypts integration secrets (passwords, tokens) at rest with ASP.NET Data Protection. They are encrypted, not
/// hashed, because they must be sent to Confluence; the key ring lives outside the database (see docs/security.md).
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    readonly IDataProtector protector = provider.CreateProtector("TeamRetro.Confluence.IntegrationSecrets.v1");

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string protectedSecret)
    {
        try
        {
            return protector.Unprotect(protectedSecret);
        }
        catch (CryptographicException)
        {
            throw new PublicationFailedException(
                "The integration's stored secret cannot be decrypted (the encryption key ring changed?). Re-enter the credentials.",
                isPermanent: true);
        }
    }
}
