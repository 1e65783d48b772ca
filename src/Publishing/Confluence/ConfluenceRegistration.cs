using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using TeamRetro.Confluence.Publishing.Atlassian;

namespace TeamRetro.Confluence.Publishing.Confluence;

public static class ConfluenceRegistration
{
    /// <summary>No answer we read comes near this; a larger one is not Confluence answering our calls.</summary>
    public const int MaxResponseBytes = 10_000_000;
    public const string UserAgent = "TeamRetro-Confluence-Publisher/1.0";

    /// <summary>
    /// One typed HttpClient for every tenant's Confluence: allow-list first (nothing unlisted is sent), the target check
    /// when there is a proxy, then retry/timeout (Polly via Microsoft.Extensions.Http.Resilience), then the socket
    /// handler with the egress proxy or the connect-time address check.
    /// </summary>
    public static IServiceCollection AddConfluence(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ConfluenceOptions>(configuration.GetSection(ConfluenceOptions.Section));
        services.AddTransient<AllowListHandler>();
        services.AddTransient<ProxiedTargetHandler>();
        services.AddTransient<SiteBackoffHandler>();
        services.TryAddSingleton<ISiteBackoffStore, NoSiteBackoffStore>();
        services.Configure<Publication.WaitingOptions>(configuration.GetSection(Publication.WaitingOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ConfluenceSpaceIds>();
        services.AddMemoryCache();
        services.AddSingleton<ConfluenceLocations>();

        services.AddHttpClient<ConfluenceClient>()
            .ConfigureHttpClient(c =>
            {
                c.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline and the client's call deadline own timeouts
                c.MaxResponseContentBufferSize = MaxResponseBytes;
                c.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
            })
            .AddHttpMessageHandler<AllowListHandler>()
            .AddHttpMessageHandler<ProxiedTargetHandler>()
            .ConfigurePrimaryHttpMessageHandler(sp => CreateSocketsHandler(sp.GetRequiredService<IOptions<ConfluenceOptions>>().Value))
            .AddResilienceHandler("confluence", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<ConfluenceOptions>>().Value;
                // Outermost: a bounded number of calls per site; the rest queue, and a full queue fails fast (transient).
                pipeline.AddConcurrencyLimiter(options.MaxConcurrentCallsPerSite, options.MaxQueuedCallsPerSite);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    MaxDelay = options.MaxRetryDelay,
                    ShouldRetryAfterHeader = true,
                    // A longer Retry-After is not slept through holding the site's slot: the publication waits durably instead.
                    ShouldHandle = args => ValueTask.FromResult(ConfluenceRetryPolicy.ShouldRetry(args.Outcome, args.Context, options.MaxRetryDelay)),
                    OnRetry = args =>
                    {
                        if (args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests && args.Context.GetRequestMessage() is { } request)
                            Telemetry.PublicationTelemetry.RateLimitWait(ConfluenceTelemetryName(request));
                        return ValueTask.CompletedTask;
                    },
                });
                // A site that keeps failing is left alone for a while instead of being hammered by every tenant's retries.
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = Math.Max(2, options.CircuitBreakerMinimumThroughput),
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = options.CircuitBreakDuration,
                });
                pipeline.AddTimeout(options.AttemptTimeout);
            })
            // One pipeline (limiter, circuit) per site: by scheme, host and port.
            .SelectPipelineByAuthority();
        // Inside the pipeline, so every attempt (a retry too) respects the site's shared pause.
        services.AddHttpClient<ConfluenceClient>().AddHttpMessageHandler<SiteBackoffHandler>();
        // The Atlassian account endpoints (token, accessible resources) share the proxy; they are two fixed URLs.
        services.Configure<AtlassianOptions>(configuration.GetSection(AtlassianOptions.Section));
        services.AddHttpClient<AtlassianAccountClient>()
            .AddHttpMessageHandler<ProxiedTargetHandler>()
            .ConfigurePrimaryHttpMessageHandler(sp => CreateSocketsHandler(sp.GetRequiredService<IOptions<ConfluenceOptions>>().Value))
            .AddResilienceHandler("atlassian", pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                // Never blind-retry a token POST: a refresh token is spent by the first one that arrives.
                ShouldHandle = args => ValueTask.FromResult(ConfluenceRetryPolicy.ShouldRetry(args.Outcome, args.Context)),
            }));
        services.AddSingleton<AtlassianTokens>();
        services.AddScoped<CloudConnect>();
        return services;
    }

    /// <summary>The request's endpoint template, from the site it carries (see <see cref="AllowListHandler"/>).</summary>
    static string ConfluenceTelemetryName(HttpRequestMessage request)
    {
        if (!request.Options.TryGetValue(AllowListHandler.SiteKey, out var site) || request.RequestUri is null)
            return "unlisted";
        var path = request.RequestUri.AbsolutePath;
        var root = site.Root.AbsolutePath;
        return path.StartsWith(root, StringComparison.Ordinal)
            ? ConfluenceEndpointAllowList.Template(site.Product, site.Profile, request.Method, path[root.Length..])
            : "unlisted";
    }

    static async ValueTask<Stream> ConnectToAllowedAddress(SocketsHttpConnectionContext context, ConfluenceOptions options, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => !NetworkRules.IsRefused(a, options)).ToArray();
        if (allowed.Length == 0)
            throw new EndpointNotAllowedException(options.AllowPrivateNetworks
                ? $"{host} resolves only to link-local or cloud metadata addresses; refusing to connect."
                : $"{host} resolves only to internal addresses; refusing to connect (Confluence:AllowPrivateNetworks is off).");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal static SocketsHttpHandler CreateSocketsHandler(ConfluenceOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false, // a redirect could leave the allow-listed host
            UseProxy = !string.IsNullOrWhiteSpace(options.ProxyUrl),
        };
        if (handler.UseProxy)
        {
            var proxy = new WebProxy(new Uri(options.ProxyUrl!)) { BypassProxyOnLocal = false };
            if (!string.IsNullOrEmpty(options.ProxyUsername))
                proxy.Credentials = new NetworkCredential(options.ProxyUsername, options.ProxyPassword);
            handler.Proxy = proxy;
        }
        else
        {
            // Checked when connecting, not only when the URL was saved: DNS may answer differently later (rebinding).
            // Link-local and metadata addresses are refused even with AllowPrivateNetworks.
            // Through a proxy the connection goes to the proxy: ProxiedTargetHandler checks what the worker can see.
            handler.ConnectCallback = (context, ct) => ConnectToAllowedAddress(context, options, ct);
        }

        return handler;
    }
}
