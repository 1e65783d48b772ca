using System.Net;
using System.Net.Sockets;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>
/// Where the worker may connect. An admin types a Server / Data Center URL and the worker calls it, so without these
/// rules an integration could point the worker at loopback, the cloud metadata service or the internal network.
/// </summary>
public static class NetworkRules
{
    static readonly string[] MetadataHosts = ["metadata.google.internal", "metadata", "instance-data"];

    /// <summary>Cloud metadata services outside link-local: AWS's IPv6 one and Alibaba Cloud's (inside carrier-grade NAT).</summary>
    static readonly IPAddress[] MetadataAddresses = [IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("100.100.100.200")];

    /// <summary>
    /// Loopback, link-local (which holds the cloud metadata address 169.254.169.254), private, carrier-grade NAT,
    /// benchmarking, IETF protocol assignments, multicast, reserved, unique-local or unspecified; an IPv6 address that
    /// carries an IPv4 one (mapped, translated, compatible, NAT64, 6to4) is judged by the IPv4 address it carries.
    /// </summary>
    public static bool IsInternal(IPAddress address)
    {
        address = Unwrap(address);
        if (IsAlwaysRefused(address) || IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast || IsLocalUseNat64(address);

        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
            || (b[0] == 198 && b[1] is 18 or 19)         // benchmarking, 198.18.0.0/15
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)    // IETF protocol assignments, 192.0.0.0/24
            || b[0] == 0 || b[0] >= 224;
    }

    /// <summary>
    /// Link-local (169.254.0.0/16, fe80::/10) and the cloud metadata addresses: refused even with
    /// Confluence:AllowPrivateNetworks, which is for on-premises Data Center, never for a metadata service.
    /// </summary>
    public static bool IsAlwaysRefused(IPAddress address)
    {
        address = Unwrap(address);
        if (MetadataAddresses.Contains(address))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return address.IsIPv6LinkLocal;
        var b = address.GetAddressBytes();
        return b[0] == 169 && b[1] == 254;
    }

    /// <summary>Whether the worker may connect to this address under these options.</summary>
    public static bool IsRefused(IPAddress address, ConfluenceOptions options) =>
        options.AllowPrivateNetworks ? IsAlwaysRefused(address) : IsInternal(address);

    /// <summary>A metadata service's well-known name; refused whatever it resolves to.</summary>
    public static bool IsMetadataHost(string host) => MetadataHosts.Contains(host.TrimEnd('.'), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The IPv4 address an IPv6 one carries, else the address itself: IPv4-mapped ::ffff:0:0/96, IPv4-translated
    /// ::ffff:0:0:0/96, IPv4-compatible ::/96 (which also turns :: and ::1 into 0.0.0.0 and 0.0.0.1), NAT64
    /// 64:ff9b::/96 and 6to4 2002::/16.
    /// </summary>
    static IPAddress Unwrap(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address;
        var b = address.GetAddressBytes();
        var zeros64 = b.AsSpan(0, 8).IndexOfAnyExcept((byte)0) < 0;
        if (zeros64 && ((b[8] == 0 && b[9] == 0 && b[10] is 0 or 0xff && b[11] == b[10]) // compatible, mapped
                        || (b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0)))  // translated
            return new IPAddress(b.AsSpan(12, 4));
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
            return new IPAddress(b.AsSpan(12, 4)); // NAT64 well-known prefix
        if (b[0] == 0x20 && b[1] == 0x02)
            return new IPAddress(b.AsSpan(2, 4)); // 6to4
        return address;
    }

    /// <summary>
    /// 64:ff9b:1::/48, the local-use NAT64 prefix: where the IPv4 address sits depends on the prefix length the
    /// operator chose, and a public Confluence is never behind it, so all of it is internal.
    /// </summary>
    static bool IsLocalUseNat64(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0x00 && b[5] == 0x01;
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
        if (IsMetadataHost(uri.IdnHost))
            return "The Confluence URL points at a cloud metadata service.";

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            // Behind an egress proxy the name may resolve only there: the proxy's rules decide (see ProxiedTargetHandler).
            return string.IsNullOrWhiteSpace(options.ProxyUrl) ? $"The Confluence host {uri.IdnHost} could not be resolved." : null;
        }

        if (addresses.Length == 0)
            return $"The Confluence host {uri.IdnHost} has no address.";
        if (addresses.Any(IsAlwaysRefused))
            return $"The Confluence host {uri.IdnHost} resolves to an internal link-local or cloud metadata address, which is never allowed.";
        return addresses.Any(a => IsRefused(a, options))
            ? $"The Confluence host {uri.IdnHost} resolves to an internal address (an operator can allow private networks with Confluence:AllowPrivateNetworks)."
            : null;
    }
}
