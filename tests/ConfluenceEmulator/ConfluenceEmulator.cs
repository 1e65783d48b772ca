using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TeamRetro.Confluence.Emulator.Contracts;

namespace TeamRetro.Confluence.Emulator;

/// <summary>The emulator started in-process on a real loopback port, for tests.</summary>
public sealed class ConfluenceEmulator : IAsyncDisposable
{
    readonly WebApplication app;

    ConfluenceEmulator(WebApplication app, Uri baseUrl, EmulatorOptions options, EmulatorState state, RequestJournal requests, FaultInjection faults,
        OAuthServer oauth)
    {
        Options = options;
        SiteUrl = new Uri(baseUrl, options.SitePath.TrimStart('/') + (options.SitePath.Length > 0 ? "/" : ""));
        OAuth = oauth;
        this.app = app;
        BaseUrl = baseUrl;
        State = state;
        Requests = requests;
        Faults = faults;
    }

    /// <summary>The host's root: Atlassian's OAuth server and gateway answer here on Cloud.</summary>
    public Uri BaseUrl { get; }
    /// <summary>The site an integration points at: {BaseUrl}{context}/ on Data Center ({context}/rest/api/...), {BaseUrl}wiki/ on Cloud.</summary>
    public Uri SiteUrl { get; }
    public EmulatorOptions Options { get; }
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
        options ??= new EmulatorOptions();
        var app = EmulatorApp.Build(builder, options, state, journal, faults, oauth);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ConfluenceEmulator(app, new Uri(address.TrimEnd('/') + "/"), options, state, journal, faults, oauth);
    }

    /// <summary>
    /// Every request the product's client sent (known by its User-Agent) that Atlassian's description of this product
    /// lacks: an operation, query parameter, body field or part, or a required one missing. Other callers (tests probing
    /// the emulator with raw requests) are not checked, nor is a request whose body never fully arrived (a client killed
    /// mid-upload cannot be judged on what it did not finish sending).
    /// </summary>
    public IReadOnlyList<string> ContractViolations()
    {
        var contract = Options.Product == EmulatedProduct.Cloud ? ApiContract.Cloud : ApiContract.DataCenter;
        var site = Options.Product == EmulatedProduct.Cloud ? "/wiki/" : Options.SitePath + "/";
        var gateway = $"/ex/confluence/{OAuth.CloudId}/wiki/";
        return Requests.All
            .Where(r => r.UserAgent.StartsWith(ClientUserAgent, StringComparison.Ordinal) && r.BodyComplete)
            .Select(r => (Request: r, Path: r.Path.StartsWith(gateway, StringComparison.Ordinal) ? r.Path[gateway.Length..]
                : r.Path.StartsWith(site, StringComparison.Ordinal) ? r.Path[site.Length..] : r.Path.TrimStart('/')))
            .SelectMany(r => contract.Violations(new ContractRequest(r.Request.Method, r.Path, r.Request.QueryKeys, r.Request.JsonFields,
                r.Request.MultipartFields, r.Request.Headers)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The product's client names itself so (ConfluenceRegistration.UserAgent).</summary>
    public const string ClientUserAgent = "TeamRetro-Confluence-Publisher/";

    /// <summary>Stops the emulator, then fails the test if the product's client sent anything Atlassian does not describe.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (ContractViolations() is { Count: > 0 } violations)
            throw new ContractViolationException(Options.Product, violations);
    }
}

public sealed class ContractViolationException(EmulatedProduct product, IReadOnlyList<string> violations)
    : Exception($"The client sent {product} what Atlassian's description of it lacks:\n" + string.Join("\n", violations))
{
    public IReadOnlyList<string> Violations { get; } = violations;
}
