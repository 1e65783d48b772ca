using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Confluence;
using Xunit;

namespace TeamRetro.Confluence.Tests.Shared;

/// <summary>What Confluence received, checked against the product's allow-list, query included. Linked into each test project.</summary>
public static class AllowListAssert
{
    /// <summary>Every call to the target's site is on its allow-list; nothing else reached the emulator but Atlassian's token endpoints.</summary>
    public static void EveryRequestAllowed(ConfluenceEmulator emulator, ConfluenceTarget target)
    {
        var site = target.SitePath(emulator);
        var calls = emulator.Requests.All.ToLookup(r => r.Path.StartsWith(site, StringComparison.Ordinal));
        Assert.All(calls[false], r => Assert.StartsWith("/oauth/token", r.Path, StringComparison.Ordinal));
        EveryRequestAllowed(calls[true], target.ClientProduct, target.Profile, site);
    }

    /// <param name="sitePath">The site's path below the host as the emulator saw it ("/", "/wiki/", the OAuth gateway's "/ex/confluence/{id}/wiki/").</param>
    public static void EveryRequestAllowed(IEnumerable<RecordedRequest> requests, ConfluenceProduct product, ConfluenceApiProfile profile, string sitePath = "/")
    {
        var calls = requests.ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, r => Assert.True(
            r.Path.StartsWith(sitePath, StringComparison.Ordinal)
                && ConfluenceEndpointAllowList.IsAllowed(product, profile, new HttpMethod(r.Method), r.Path[sitePath.Length..], r.Query),
            $"{r.Method} {r.Path}{r.Query} is not on the {ConfluenceEndpointAllowList.Name(product, profile)} allow-list"));
    }
}
