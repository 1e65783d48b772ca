using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace TeamRetro.Confluence.Worker.Integrations;

public static class SecretProtectionRegistration
{
    /// <summary>
    /// ASP.NET Data Protection for integration secrets. The key ring lives at <c>DataProtection:KeysPath</c>, apart from
    /// the database, and rotates every 90 days (old keys still decrypt). With <c>DataProtection:CertificatePath</c> (a PFX,
    /// password in <c>DataProtection:CertificatePassword</c>) the keys themselves are encrypted at rest with that
    /// certificate, so a copy of the key folder alone reveals nothing.
    /// </summary>
    public static IServiceCollection AddSecretProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName("TeamRetro.Confluence")
            .PersistKeysToFileSystem(new DirectoryInfo(configuration["DataProtection:KeysPath"] ?? "data/keys"));
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]);
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        services.AddSingleton<SecretProtector>();
        return services;
    }
}
