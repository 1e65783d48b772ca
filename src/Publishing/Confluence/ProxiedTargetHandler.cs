using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>
/// With an egress proxy the worker connects only to the proxy, so the connect-time address check cannot run and the
/// worker never sees the address the proxy reaches. It checks what it can before the request goes to the proxy: the
/// URL's host when it is an IP literal or a metadata name, else what the host resolves to here. The proxy must deny
/// internal ranges too: it resolves the name again (rebinding), and a name that does not resolve here is its call alone.
/// </summary>
public sealed class ProxiedTargetHandler(IOptions<ConfluenceOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.ProxyUrl) && request.RequestUri is { } uri)
            await Check(uri.IdnHost, o, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }

    static async Task Check(string host, ConfluenceOptions options, CancellationToken ct)
    {
        if (NetworkRules.IsMetadataHost(host))
            throw new EndpointNotAllowedException($"{host} is a cloud metadata service; refusing to send to it through the proxy.");
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, ct);
            }
            catch (SocketException)
            {
                return; // the worker may have no DNS of its own behind a proxy: the proxy's rules decide
            }
        }

        if (addresses.Any(a => NetworkRules.IsRefused(a, options)))
            throw new EndpointNotAllowedException(options.AllowPrivateNetworks
                ? $"{host} resolves to a link-local or cloud metadata address; refusing to send to it through the proxy."
                : $"{host} resolves to an internal address; refusing to send to it through the proxy (Confluence:AllowPrivateNetworks is off).");
    }
}
