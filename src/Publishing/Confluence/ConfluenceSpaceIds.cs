using System.Collections.Concurrent;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>
/// v2 addresses spaces by id, the product by key: the id of a space never changes, so it is looked up once per site
/// and key and kept for the life of the process (a deleted space answers 404 and fails the publication anyway).
/// </summary>
public sealed class ConfluenceSpaceIds
{
    readonly ConcurrentDictionary<(string Root, string Key), string> ids = new();

    public bool TryGet(ConfluenceSite site, string key, out string id) => ids.TryGetValue((site.Root.AbsoluteUri, key), out id!);

    public void Remember(ConfluenceSite site, string key, string id) => ids[(site.Root.AbsoluteUri, key)] = id;
}
