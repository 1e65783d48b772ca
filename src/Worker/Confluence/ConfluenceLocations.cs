using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace TeamRetro.Confluence.Worker.Confluence;

/// <summary>
/// Where a tenant's reports go (its space, and the id of each parent page) changes rarely, so it is remembered per
/// worker for <see cref="ConfluenceOptions.LocationCacheLifetime"/> instead of being looked up for every report.
/// When Confluence says a page's parent or space is gone, <see cref="Forget"/> drops everything known about the tenant.
/// </summary>
public sealed class ConfluenceLocations(IMemoryCache cache, IOptions<ConfluenceOptions> options)
{
    // Forgetting bumps the tenant's generation, which every key includes: older entries are never read again.
    readonly ConcurrentDictionary<Guid, int> generations = new();

    public ConfluenceSpace? Space(Guid tenantId, string spaceKey) =>
        cache.Get<ConfluenceSpace>(Key(tenantId, "space", spaceKey));

    public void RememberSpace(Guid tenantId, ConfluenceSpace space) =>
        cache.Set(Key(tenantId, "space", space.Key), space, options.Value.LocationCacheLifetime);

    public string? ParentPageId(Guid tenantId, string spaceKey, string title) =>
        cache.Get<string>(Key(tenantId, "parent", spaceKey + "\n" + title.ToUpperInvariant()));

    public void RememberParentPage(Guid tenantId, string spaceKey, string title, string pageId) =>
        cache.Set(Key(tenantId, "parent", spaceKey + "\n" + title.ToUpperInvariant()), pageId, options.Value.LocationCacheLifetime);

    public void Forget(Guid tenantId) => generations.AddOrUpdate(tenantId, 1, (_, g) => g + 1);

    string Key(Guid tenantId, string kind, string name) =>
        $"confluence-location\n{tenantId}\n{generations.GetValueOrDefault(tenantId)}\n{kind}\n{name}";
}

/// <summary>Confluence no longer has the parent page (or space) a report was to be created under: locate it again.</summary>
public sealed class ReportLocationGoneException(string message, Exception inner) : PublicationFailedException(message, isPermanent: true, inner);
