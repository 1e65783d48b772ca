using System.Security.Cryptography;
using System.Text;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>
/// A Confluence site (or, for Cloud OAuth, the whole app: Atlassian counts its points across every tenant) that told a
/// worker to stop calling it for a while: down (502/503/504, unreachable) or rate limiting (429 with Retry-After,
/// RateLimit-Reason), or nearly out of quota (X-RateLimit-NearLimit). One row in the database, so every worker keeps
/// the same pause; when it ends, one worker probes and, when the site answers again, the publications waiting on it resume.
/// </summary>
public sealed class SiteBackoff
{
    /// <summary>Atlassian's per-app quota of an OAuth app (RateLimit-Reason confluence-quota-global-based).</summary>
    public const string OAuthAppKey = "atlassian-oauth-app";

    public string SiteKey { get; set; } = "";
    /// <summary>The site's host, for people reading the reason.</summary>
    public string Host { get; set; } = "";
    /// <summary>No worker calls the site before this, except one probe once it has passed.</summary>
    public DateTimeOffset Until { get; set; }
    public string Reason { get; set; } = "";
    /// <summary>Pauses in a row without an answer in between: the next pause without a Retry-After follows the waiting schedule by it. 0 for pacing.</summary>
    public int Failures { get; set; }
    /// <summary>While set and in the future, one worker is probing whether the site answers again.</summary>
    public DateTimeOffset? ProbeUntil { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The site's key: its root URL, hashed to a fixed length for the key column.</summary>
    public static string KeyOf(ConfluenceSite site) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(site.Root.AbsoluteUri.ToLowerInvariant())));

    /// <summary>The pauses a call to the site must respect: its own, and the app's for Cloud OAuth.</summary>
    public static string[] KeysFor(ConfluenceSite site) =>
        site.Credentials is OAuthAccessToken ? [KeyOf(site), OAuthAppKey] : [KeyOf(site)];
}
