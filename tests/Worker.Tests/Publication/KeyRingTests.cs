using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Publishing.Integrations;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>The key that encrypts integration secrets is itself encrypted at rest when an operator gives a certificate.</summary>
public sealed class KeyRingTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("teamretro-keyring-").FullName;

    ServiceProvider Services(string? certificatePath) => new ServiceCollection()
        .AddLogging()
        .AddSecretProtection(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataProtection:KeysPath"] = Path.Combine(directory, "keys"),
            ["DataProtection:CertificatePath"] = certificatePath,
            ["DataProtection:CertificatePassword"] = "pfx-password",
        }).Build())
        .BuildServiceProvider();

    string CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=teamretro-keyring-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(directory, "keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        return path;
    }

    string KeyFiles() => string.Concat(Directory.GetFiles(Path.Combine(directory, "keys"), "*.xml").Select(File.ReadAllText));

    [Fact]
    public void With_a_certificate_the_key_ring_holds_no_plain_key_and_still_decrypts_after_a_restart()
    {
        var certificate = CreateCertificate();
        string protectedSecret;
        using (var first = Services(certificate))
            protectedSecret = first.GetRequiredService<SecretProtector>().Protect("server-password");

        using var restarted = Services(certificate);

        Assert.Equal("server-password", restarted.GetRequiredService<SecretProtector>().Unprotect(protectedSecret));
        Assert.Contains("EncryptedData", KeyFiles(), StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", KeyFiles(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_certificate_the_key_is_plain_in_its_folder_which_is_why_that_folder_stays_off_database_backups()
    {
        using var services = Services(null);
        services.GetRequiredService<SecretProtector>().Protect("server-password");

        Assert.Contains("<value>", KeyFiles(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
