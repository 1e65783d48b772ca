using Microsoft.AspNetCore.Http.Json;

namespace TeamRetro.Confluence.Emulator;

/// <summary>The emulator's pipeline: journal, fault injection, auth, then Confluence's v1 routes (also under /wiki).</summary>
public static class EmulatorApp
{
    const string DroppedItem = "emulator.dropped";

    public static WebApplication Build(WebApplicationBuilder builder, EmulatorOptions options, EmulatorState state, RequestJournal journal,
        FaultInjection faults, OAuthServer oauth)
    {
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = 100 * 1024 * 1024);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 100 * 1024 * 1024);
        var app = builder.Build();

        foreach (var key in options.SpaceKeys)
            state.AddSpace(key);
        foreach (var user in options.Users)
            state.AddUser(user);

        app.Use(async (http, next) =>
        {
            var path = http.Request.Path.Value ?? ""; // as received, before the gateway rewrites it
            try
            {
                await next();
            }
            finally
            {
                // 0: no answer reached the client (a dropped connection, or the client gave up waiting).
                var status = http.RequestAborted.IsCancellationRequested || http.Items.ContainsKey(DroppedItem) ? 0 : http.Response.StatusCode;
                journal.Add(new RecordedRequest(http.Request.Method, path, http.Request.QueryString.Value ?? "",
                    status, http.Items[EmulatorAuth.UserItem] as string, DateTimeOffset.UtcNow));
            }
        });
        app.Use(OAuthEndpoints.Gateway(oauth, options));
        app.UseRouting(); // after the gateway, so its rewritten paths are the ones routed

        app.UseWhen(http => http.Request.Path.StartsWithSegments("/rest/api") || http.Request.Path.StartsWithSegments("/wiki/rest/api")
                || http.Request.Path.StartsWithSegments("/api/v2") || http.Request.Path.StartsWithSegments("/wiki/api/v2"),
            api => api.Use((http, next) => EmulatorAuth.Authenticate(http, state, options, oauth, () => next(http))));

        foreach (var prefix in new[] { "/rest/api", "/wiki/rest/api", "/api/v2", "/wiki/api/v2" })
        {
            var api = app.MapGroup(prefix);
            api.AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                if (options.Latency > TimeSpan.Zero)
                    await Task.Delay(options.Latency, http.RequestAborted);
                if (faults.Take(http.Request.Method, http.Request.Path.Value ?? "", afterWork: false) is { } before)
                {
                    if (before.Drop)
                    {
                        http.Items[DroppedItem] = true;
                        http.Abort();
                        return Results.Empty;
                    }

                    if (before.Delay is { } delay)
                        await Task.Delay(delay, http.RequestAborted);
                    else
                        return Fault(http, before);
                }
                var result = await next(context);
                return faults.Take(http.Request.Method, http.Request.Path.Value ?? "", afterWork: true) is { } after ? Fault(http, after) : result;
            });
            if (prefix.EndsWith("/v2", StringComparison.Ordinal))
            {
                api.MapV2(state, options);
                continue;
            }

            api.MapSpaces(state, options);
            api.MapContent(state, options);
            api.MapAttachments(state);
        }

        app.MapOAuth(oauth, options);
        app.MapDownloads(state);
        app.MapHtmlView(state);
        app.MapFallback(() => ConfluenceErrors.Error(404, "Null"));
        return app;
    }

    /// <summary>"/wiki" for Cloud-style paths, "" for Server-style ones.</summary>
    internal static string ContextPath(HttpContext http) => http.Request.Path.StartsWithSegments("/wiki") ? "/wiki" : "";

    static IResult Fault(HttpContext http, FaultInjection.Rule rule)
    {
        if (rule.RetryAfter is { } wait)
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (rule.StatusCode == 429)
        {
            http.Response.Headers["X-RateLimit-Limit"] = "100";
            http.Response.Headers["X-RateLimit-Remaining"] = "0";
            http.Response.Headers["X-RateLimit-NearLimit"] = "true";
            http.Response.Headers["X-RateLimit-Reset"] = DateTimeOffset.UtcNow.AddSeconds(rule.RetryAfter?.TotalSeconds ?? 1).ToString("O");
        }

        return ConfluenceErrors.Error(rule.StatusCode, rule.Body ?? $"Injected fault {rule.StatusCode}");
    }
}
