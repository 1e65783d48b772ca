namespace TeamRetro.Confluence.Publishing.Confluence;

public sealed record ConfluenceSpace(string Id, string Key, string Name);

/// <param name="ParentId">The page's direct parent (last ancestor), or null for a top-level page.</param>
/// <param name="VersionMessage">The current version's message: we keep our body hash at its start.</param>
public sealed record ConfluencePage(string Id, string Title, int Version, string? VersionMessage, string? ParentId, string? WebUrl);

public sealed record NewPage(string SpaceKey, string? ParentId, string Title, string StorageXml, string VersionMessage);

public sealed record PageUpdate(string PageId, string Title, string StorageXml, int NewVersion, string VersionMessage);

public sealed record AttachmentUpload(string PageId, string FileName, string MediaType, byte[] Content, string Comment);

public sealed record ConfluenceAttachment(string Id, string FileName, int Version);
