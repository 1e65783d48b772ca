using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TeamRetro.Confluence.Tests.Shared.Proxy;

/// <summary>
/// A real HTTP forward proxy on loopback (absolute-form requests, Basic proxy authentication, 407 challenge), which
/// records every request it forwards. Enough to prove the product sends its Confluence traffic through a proxy.
/// </summary>
public sealed class RecordingForwardProxy : IAsyncDisposable
{
    readonly WebApplication app;
    readonly HttpClient upstream = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });

    RecordingForwardProxy(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;
    public string Username { get; } = "egress";
    public string Password { get; } = "proxy-Passw0rd";
    public ConcurrentQueue<(string Method, Uri Target)> Forwarded { get; } = new();
    public int Challenges => challenges;
    int challenges;

    public static async Task<RecordingForwardProxy> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new RecordingForwardProxy(app);
        app.Run(proxy.Forward);
        await app.StartAsync();
        proxy.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return proxy;
    }

    async Task Forward(HttpContext http)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));
        if (http.Request.Headers["Proxy-Authorization"].ToString() != expected)
        {
            Interlocked.Increment(ref challenges);
            http.Response.StatusCode = 407;
            http.Response.Headers["Proxy-Authenticate"] = "Basic realm=\"egress\"";
            return;
        }

        var target = new Uri(http.Request.GetEncodedUrl());
        Forwarded.Enqueue((http.Request.Method, target));
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), target);
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(http.Request.Body);
            if (http.Request.ContentType is { } type)
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        }

        foreach (var header in http.Request.Headers)
        {
            if (header.Key is "Proxy-Authorization" or "Proxy-Connection" or "Connection" or "Host" or "Content-Type" or "Content-Length" or "Transfer-Encoding")
                continue;
            request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }

        using var response = await upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
        http.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (header.Key is not ("Transfer-Encoding" or "Connection"))
                http.Response.Headers[header.Key] = header.Value.ToArray();
        }

        await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        upstream.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
