using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace TeamRetro.Confluence.Publishing.Integrations;

public static class SecretProtectionRegistration
{
    /// <summary>Where the key ring lives in the Development environment when <c>DataProtection:KeysPath</c> is not set.</summary>
    public const string DevelopmentKeysPath = "data/keys";

    /// <summary>
    /// ASP.NET Data Protection for integration secrets. The key ring lives at <c>DataProtection:KeysPath</c>, apart from
    /// the database, and rotates every 90 days (old keys still decrypt). With <c>DataProtection:CertificatePath</c> (a PFX,
    /// password in <c>DataProtection:CertificatePassword</c>) the keys themselves are encrypted at rest with that
    /// certificate, so a copy of the key folder alone reveals nothing. Outside Development the host refuses to start
    /// unless one of the two keeps a copy of the database's folder from decrypting anything (<see cref="KeyRingPlacement"/>).
    /// The same ring protects, each under its own purpose: integration secrets
    /// (<c>TeamRetro.Confluence.IntegrationSecrets.v1</c>), the Cloud connect state (<c>TeamRetro.Confluence.CloudConnectState.v1</c>),
    /// the console's cookie (the cookie handler's purpose for the <c>console</c> scheme) and antiforgery tokens.
    /// </summary>
    public static IServiceCollection AddSecretProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName("TeamRetro.Confluence")
            .PersistKeysToFileSystem(new DirectoryInfo(configuration[KeyRingPlacement.KeysPathKey] is { Length: > 0 } keys ? keys : DevelopmentKeysPath));
        if (configuration[KeyRingPlacement.CertificatePathKey] is { Length: > 0 } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]);
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        // Checked when the host starts (before migrations and the bus), where the environment is known.
        services.AddOptions<KeyRingPlacement>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingPlacement>>(sp =>
            new KeyRingPlacement.Validator(configuration, sp.GetService<IHostEnvironment>()));

        services.AddSingleton<SecretProtector>();
        return services;
    }
}

/// <summary>
/// Security review F7: a plain key ring in the database's folder means one copy of that folder (a backup, a volume
/// snapshot) decrypts every tenant's secret and forges console cookies. Outside the Development environment the host
/// starts only with <c>DataProtection:CertificatePath</c> (the ring is encrypted) or an explicit
/// <c>DataProtection:KeysPath</c> that neither lies inside the SQLite database's folder nor contains it.
/// </summary>
public sealed class KeyRingPlacement
{
    public const string KeysPathKey = "DataProtection:KeysPath";
    public const string CertificatePathKey = "DataProtection:CertificatePath";

    internal sealed class Validator(IConfiguration configuration, IHostEnvironment? environment) : IValidateOptions<KeyRingPlacement>
    {
        public ValidateOptionsResult Validate(string? name, KeyRingPlacement options) =>
            environment is null || environment.IsDevelopment() ? ValidateOptionsResult.Success
                : Problem(configuration, environment.EnvironmentName) is { } problem ? ValidateOptionsResult.Fail(problem)
                : ValidateOptionsResult.Success;
    }

    /// <summary>Why this configuration may not run outside Development, or null.</summary>
    public static string? Problem(IConfiguration configuration, string environmentName)
    {
        if (configuration[CertificatePathKey] is { Length: > 0 })
            return null;
        const string remedy = $"set {KeysPathKey} to a folder of its own, outside the database's folder and its backups, " +
            $"or set {CertificatePathKey} to a PFX that encrypts the key ring. The Development environment alone may use the default '{SecretProtectionRegistration.DevelopmentKeysPath}'.";
        if (configuration[KeysPathKey] is not { Length: > 0 } keysPath)
            return $"{KeysPathKey} is not set in the '{environmentName}' environment, and the key ring is not encrypted: {remedy}";

        if (SqliteDatabaseFolder(configuration) is not { } databaseFolder)
            return null;
        var keys = Path.TrimEndingDirectorySeparator(Path.GetFullPath(keysPath));
        if (IsWithin(keys, databaseFolder) || IsWithin(databaseFolder, keys))
            return $"{KeysPathKey} ('{keys}') shares a folder with the database ('{databaseFolder}'), unencrypted: a copy of that folder " +
                $"would decrypt every integration secret and forge console cookies. In the '{environmentName}' environment, {remedy}";
        return null;
    }

    /// <summary>The folder of the SQLite database file (the default provider); null for server databases and in-memory SQLite.</summary>
    static string? SqliteDatabaseFolder(IConfiguration configuration)
    {
        if (!string.Equals(configuration["Database:Provider"] ?? "Sqlite", "Sqlite", StringComparison.OrdinalIgnoreCase))
            return null;
        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            configuration.GetConnectionString("Publications") ?? Persistence.PersistenceRegistration.DefaultSqliteConnectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
            return null;
        return Path.GetDirectoryName(Path.GetFullPath(dataSource)) is { Length: > 0 } folder ? Path.TrimEndingDirectorySeparator(folder) : null;
    }

    static bool IsWithin(string path, string folder) =>
        path.Equals(folder, StringComparison.Ordinal)
        || path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
