namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>
/// Which Confluence a site is. The v1 paths look alike on both, but the products differ in what they accept (for
/// example Data Center has no attachment PUT and no v2 at all): docs/confluence-products.md lists each difference.
/// </summary>
public enum ConfluenceProduct
{
    /// <summary>Server / Data Center: https://host[:port][/context]/rest/api, basic auth or a personal access token.</summary>
    DataCenter = 0,
    /// <summary>Cloud: https://site.atlassian.net/wiki/ with an API token, or Atlassian's gateway with OAuth 2.0 (3LO).</summary>
    Cloud = 1,
}
