using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TeamRetro.Confluence.Publishing;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>
/// F7: outside Development the key ring must not sit, in plain text, in the database's folder, where one copy of
/// <c>data/</c> would decrypt every tenant's secret and forge console cookies.
/// </summary>
public sealed class KeyRingPlacementTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("teamretro-keyplace-").FullName;

    async Task<IHost> StartWorker(string environment, string? keysPath)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Publications"] = $"Data Source={Path.Combine(directory, "data", "publications.db")}",
            ["Messaging:Transport"] = "InMemory",
            ["DataProtection:KeysPath"] = keysPath,
        });
        builder.Services.AddPublicationWorker(builder.Configuration);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    [Fact]
    public async Task Production_refuses_to_start_with_a_plain_key_ring_inside_the_database_folder()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => StartWorker("Production", Path.Combine(directory, "data", "keys")));

        Assert.Contains("DataProtection:KeysPath", refused.Message, StringComparison.Ordinal);
        Assert.Contains("database", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_refuses_to_start_without_a_configured_key_ring()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => StartWorker("Production", null));

        Assert.Contains("DataProtection:KeysPath", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_starts_with_the_key_ring_in_a_folder_of_its_own()
    {
        using var host = await StartWorker("Production", Path.Combine(directory, "keys"));

        await host.StopAsync();
    }

    [Fact]
    public async Task Development_may_keep_the_key_ring_beside_the_database()
    {
        using var host = await StartWorker("Development", Path.Combine(directory, "data", "keys"));

        await host.StopAsync();
    }

    [Fact]
    public void Console_cookies_and_integration_secrets_are_protected_under_different_purposes()
    {
        using var services = new ServiceCollection().AddLogging()
            .AddSecretProtection(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["DataProtection:KeysPath"] = Path.Combine(directory, "keys"),
            }).Build())
            .BuildServiceProvider();
        // The purposes the cookie handler uses for the console's scheme.
        var cookie = services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", "console", "v2")
            .Protect("an authentication ticket");

        Assert.Throws<PublicationFailedException>(() => services.GetRequiredService<SecretProtector>().Unprotect(cookie));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
