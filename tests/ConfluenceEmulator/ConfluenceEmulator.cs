using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace TeamRetro.Confluence.Emulator;

/// <summary>The emulator started in-process on a real loopback port, for tests.</summary>
public sealed class ConfluenceEmulator : IAsyncDisposable
{
    readonly WebApplication app;

    ConfluenceEmulator(WebApplication app, Uri baseUrl, EmulatorState state, RequestJournal requests, FaultInjection faults, OAuthServer oauth)
    {
        OAuth = oauth;
        this.app = app;
        BaseUrl = baseUrl;
        State = state;
        Requests = requests;
        Faults = faults;
    }

    /// <summary>Server / Data Center REST is at {BaseUrl}rest/api/...; the same routes answer under {BaseUrl}wiki/rest/api/.</summary>
    public Uri BaseUrl { get; }
    public EmulatorState State { get; }
    public RequestJournal Requests { get; }
    public FaultInjection Faults { get; }
    /// <summary>Atlassian's OAuth server and gateway: {BaseUrl}oauth/token, {BaseUrl}ex/confluence/{CloudId}/wiki/...</summary>
    public OAuthServer OAuth { get; }

    public static async Task<ConfluenceEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Emulator" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var state = new EmulatorState();
        var journal = new RequestJournal();
        var faults = new FaultInjection();
        var oauth = new OAuthServer();
        var app = EmulatorApp.Build(builder, options ?? new EmulatorOptions(), state, journal, faults, oauth);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConfluenceEmulator(app, new Uri(address.TrimEnd('/') + "/"), state, journal, faults, oauth);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
