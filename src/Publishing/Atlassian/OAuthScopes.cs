using TeamRetro.Confluence.Publishing.Confluence;

namespace TeamRetro.Confluence.Publishing.Atlassian;

/// <summary>Exactly the scopes each API profile asks for: least privilege is a promise (docs/security.md).</summary>
public static class OAuthScopes
{
    /// <summary>The classic scopes of our published security note, for v1 calls.</summary>
    public const string Classic =
        "read:confluence-space.summary write:confluence-content write:confluence-file read:confluence-content.summary offline_access";

    /// <summary>Granular scopes for v2 pages and spaces plus the v1 attachment upload (which needs read:content-details).</summary>
    public const string Current =
        "read:space:confluence read:page:confluence write:page:confluence write:attachment:confluence read:attachment:confluence read:content-details:confluence offline_access";

    public static string For(ConfluenceApiProfile profile) => profile == ConfluenceApiProfile.CloudV2 ? Current : Classic;
}
