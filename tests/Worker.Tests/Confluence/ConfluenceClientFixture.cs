using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Confluence;

namespace TeamRetro.Confluence.Worker.Tests.Confluence;

/// <summary>The real client and HTTP pipeline (allow-list, retries) with a site on its own emulator, which plays the product asked for.</summary>
public sealed class ConfluenceClientFixture : IAsyncDisposable
{
    readonly ServiceProvider services;

    ConfluenceClientFixture(ConfluenceEmulator emulator, ServiceProvider services, ConfluenceSite site)
    {
        Emulator = emulator;
        this.services = services;
        Site = site;
    }

    public ConfluenceEmulator Emulator { get; }
    public ConfluenceSite Site { get; }
    public ConfluenceClient Client => services.GetRequiredService<ConfluenceClient>();

    /// <param name="emulator">The product and its users and spaces.</param>
    /// <param name="site">The site the client is given, on that emulator.</param>
    /// <param name="settings">Confluence options beyond plain HTTP to a loopback address.</param>
    public static async Task<ConfluenceClientFixture> StartAsync(EmulatorOptions emulator, Func<ConfluenceEmulator, ConfluenceSite> site,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var confluence = await ConfluenceEmulator.StartAsync(emulator);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Confluence:AllowHttp"] = "true",               // the emulator listens on http://127.0.0.1
            ["Confluence:AllowPrivateNetworks"] = "true",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging().AddConfluence(configuration).BuildServiceProvider();
        return new ConfluenceClientFixture(confluence, services, site(confluence));
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
