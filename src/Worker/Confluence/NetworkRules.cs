using System.Net;
using System.Net.Sockets;

namespace TeamRetro.Confluence.Worker.Confluence;

/// <summary>
/// Where the worker may connect. An admin types a Server / Data Center URL and the worker calls it, so without these
/// rules an integration could point the worker at loopback, the cloud metadata service or the internal network.
/// </summary>
public static class NetworkRules
{
    static readonly string[] MetadataHosts = ["metadata.google.internal", "metadata", "instance-data"];

    /// <summary>Loopback, link-local (which holds the cloud metadata address 169.254.169.254), private, unique-local or unspecified.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;

        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
            || b[0] == 0 || b[0] >= 224;
    }

    /// <summary>Why a base URL an admin typed cannot be used, or null when it can.</summary>
    public static async Task<string?> BaseUrlProblem(string baseUrl, ConfluenceOptions options, CancellationToken ct)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            return "The Confluence URL must be an absolute https:// URL.";
        if (uri.Scheme == "http" && !options.AllowHttp)
            return "The Confluence URL must use https (an operator can allow http with Confluence:AllowHttp).";
        if (!string.IsNullOrEmpty(uri.UserInfo))
            return "The Confluence URL must not contain credentials; enter them separately.";
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            return "The Confluence URL must not contain a query or a fragment.";
        if (options.AllowPrivateNetworks)
            return null;
        if (MetadataHosts.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase))
            return "The Confluence URL points at a cloud metadata service.";

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            return $"The Confluence host {uri.IdnHost} could not be resolved.";
        }

        return addresses.Length == 0 || addresses.Any(IsInternal)
            ? $"The Confluence host {uri.IdnHost} resolves to an internal address (an operator can allow private networks with Confluence:AllowPrivateNetworks)."
            : null;
    }
}
