namespace TeamRetro.Confluence.Worker.Confluence;

/// <summary>Which generation of Confluence's REST API a site is called with. Each has its own endpoint allow-list.</summary>
public enum ConfluenceApiProfile
{
    /// <summary>Server / Data Center (and Cloud with an API token): v1 REST under {base}/rest/api.</summary>
    V1 = 0,
}
