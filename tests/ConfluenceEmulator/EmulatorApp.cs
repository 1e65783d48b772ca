using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;

namespace TeamRetro.Confluence.Emulator;

/// <summary>
/// The emulator's pipeline: journal, Atlassian's gateway (Cloud), auth, rate limit, fault injection, then the product's
/// REST routes: Data Center's v1 under its context path, or Cloud's v1 and v2 under /wiki.
/// </summary>
public static class EmulatorApp
{
    const string DroppedItem = "emulator.dropped";

    public static WebApplication Build(WebApplicationBuilder builder, EmulatorOptions options, EmulatorState state, RequestJournal journal,
        FaultInjection faults, OAuthServer oauth)
    {
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 100 * 1024 * 1024);
        builder.Services.AddSingleton(options);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 100 * 1024 * 1024);
        var app = builder.Build();

        foreach (var key in options.SpaceKeys)
            state.AddSpace(key);
        foreach (var user in options.Users)
            state.AddUser(user);

        app.Use(async (http, next) =>
        {
            var path = http.Request.Path.Value ?? ""; // as received, before the gateway rewrites it
            var (json, multipart, complete) = await RequestShape.Read(http.Request);
            try
            {
                await next();
            }
            finally
            {
                // 0: no answer reached the client (a dropped connection, or the client gave up waiting).
                var status = http.RequestAborted.IsCancellationRequested || http.Items.ContainsKey(DroppedItem) ? 0 : http.Response.StatusCode;
                journal.Add(new RecordedRequest(http.Request.Method, path, http.Request.QueryString.Value ?? "",
                    status, http.Items[EmulatorAuth.UserItem] as string, DateTimeOffset.UtcNow)
                {
                    UserAgent = http.Request.Headers.UserAgent.ToString(),
                    Headers = http.Request.Headers.Keys.ToList(),
                    JsonFields = json,
                    MultipartFields = multipart,
                    BodyComplete = complete,
                });
            }
        });
        if (options.Product == EmulatedProduct.Cloud)
            app.Use(OAuthEndpoints.Gateway(oauth, options));
        app.UseRouting(); // after the gateway, so its rewritten paths are the ones routed

        var rateLimit = options.RateLimit is { } limit ? new DataCenterRateLimiter(limit, TimeProvider.System) : null;
        string[] prefixes = options.Product == EmulatedProduct.Cloud
            ? ["/wiki/rest/api", "/wiki/api/v2"]
            : [options.SitePath + "/rest/api"]; // Data Center has no v2 at all: /api/v2 is answered by the fallback's 404
        app.UseWhen(http => prefixes.Any(p => http.Request.Path.StartsWithSegments(p)),
            api => api.Use((http, next) => EmulatorAuth.Authenticate(http, state, options, oauth, () => next(http))));

        foreach (var prefix in prefixes)
        {
            var api = app.MapGroup(prefix);
            api.AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                if (options.Latency > TimeSpan.Zero)
                    await Task.Delay(options.Latency, http.RequestAborted);
                if (rateLimit?.Take(EmulatorAuth.User(http), http.Response) is { } wait)
                    return RateLimited(http, options, wait);
                if (faults.Take(http.Request.Method, http.Request.Path.Value ?? "", afterWork: false) is { } before)
                {
                    if (before.Drop)
                    {
                        http.Items[DroppedItem] = true;
                        http.Abort();
                        return Results.Empty;
                    }

                    if (before.TrickleOver is { } over)
                    {
                        await Trickle(http, before.Body ?? "{}", over);
                        return Results.Empty;
                    }

                    if (before.Delay is { } delay)
                        await Task.Delay(delay, http.RequestAborted);
                    else
                        return Fault(http, options, before);
                }
                var result = await next(context);
                return faults.Take(http.Request.Method, http.Request.Path.Value ?? "", afterWork: true) is { } after ? Fault(http, options, after) : result;
            });
            if (prefix.EndsWith("/v2", StringComparison.Ordinal))
            {
                api.MapV2(state, options);
                continue;
            }

            api.MapSpaces(state, options);
            api.MapContent(state, options);
            api.MapAttachments(state, options);
        }

        if (options.Product == EmulatedProduct.Cloud)
            app.MapOAuth(oauth, options);
        app.MapDownloads(state);
        app.MapHtmlView(state);
        app.MapFallback(() => ConfluenceErrors.Error(404, "Null"));
        return app;
    }

    /// <summary>The site's path below the host, as Confluence puts it in <c>_links.base</c> and <c>_links.context</c>.</summary>
    internal static string ContextPath(HttpContext http) => http.RequestServices.GetRequiredService<EmulatorOptions>().SitePath;

    static IResult Fault(HttpContext http, EmulatorOptions options, FaultInjection.Rule rule)
    {
        if (rule.Verbatim is { } body)
            return Results.Text(body(rule.Used), "application/json", statusCode: rule.StatusCode);
        if (rule.StatusCode == 429)
            return RateLimited(http, options, rule.RetryAfter ?? TimeSpan.Zero, rule.RateLimitReason);
        if (rule.RetryAfter is { } wait)
            http.Response.Headers.RetryAfter = RateLimitHeaders.Seconds(wait);
        return ConfluenceErrors.For(http, rule.StatusCode, rule.Body ?? $"Injected fault {rule.StatusCode}");
    }

    /// <summary>Headers at once, then the body a byte at a time: a server that keeps a client reading.</summary>
    static async Task Trickle(HttpContext http, string json, TimeSpan over)
    {
        http.Response.ContentType = "application/json";
        await http.Response.StartAsync(http.RequestAborted);
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        foreach (var b in bytes)
        {
            await http.Response.Body.WriteAsync(new[] { b }, http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
            await Task.Delay(over / bytes.Length, http.RequestAborted);
        }
    }

    static IResult RateLimited(HttpContext http, EmulatorOptions options, TimeSpan retryAfter, string? reason = null)
    {
        if (options.Product == EmulatedProduct.Cloud)
            RateLimitHeaders.Cloud(http.Response, retryAfter, reason ?? RateLimitHeaders.CloudTenantQuota);
        else
            RateLimitHeaders.DataCenter(http.Response, options.RateLimit ?? new DataCenterRateLimit(20, 20, TimeSpan.FromSeconds(1)), remaining: 0, retryAfter);
        return ConfluenceErrors.For(http, 429, "Rate limit exceeded.");
    }
}
