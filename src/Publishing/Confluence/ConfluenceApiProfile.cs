namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>Which generation of Confluence's REST API a site is called with. Each has its own endpoint allow-list.</summary>
public enum ConfluenceApiProfile
{
    /// <summary>v1 REST under {base}/rest/api: Server / Data Center, Cloud with an API token, and Cloud's classic OAuth profile.</summary>
    V1 = 0,
    /// <summary>Cloud's current profile: v2 spaces and pages under {base}/api/v2, attachments on v1 (they exist only there).</summary>
    CloudV2 = 1,
}
