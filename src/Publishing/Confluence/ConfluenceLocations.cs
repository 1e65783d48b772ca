using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>
/// Where a tenant's reports go (its space, and the id of each parent page) changes rarely, so it is remembered per
/// worker for <see cref="ConfluenceOptions.LocationCacheLifetime"/> instead of being looked up for every report. Lookups
/// of one location are single-flight: a burst of meetings asks Confluence once, not once per meeting. When Confluence
/// says a parent or space is gone, <see cref="Forget"/> drops everything known about the tenant.
/// </summary>
public sealed class ConfluenceLocations(IMemoryCache cache, IOptions<ConfluenceOptions> options)
{
    // Forgetting bumps the tenant's generation, which every key includes: older entries are never read again.
    readonly ConcurrentDictionary<Guid, int> generations = new();
    readonly ConcurrentDictionary<string, SemaphoreSlim> lookups = new();

    public Task<ConfluenceSpace> Space(Guid tenantId, string spaceKey, Func<Task<ConfluenceSpace>> locate, CancellationToken ct) =>
        Locate(Key(tenantId, "space", spaceKey), locate, ct);

    public Task<string> ParentPageId(Guid tenantId, string spaceKey, string title, Func<Task<string>> locate, CancellationToken ct) =>
        Locate(Key(tenantId, "parent", spaceKey + "\n" + title.ToUpperInvariant()), locate, ct);

    public void Forget(Guid tenantId) => generations.AddOrUpdate(tenantId, 1, (_, g) => g + 1);

    async Task<T> Locate<T>(string key, Func<Task<T>> locate, CancellationToken ct) where T : notnull
    {
        if (cache.TryGetValue(key, out T? known))
            return known!;
        var gate = lookups.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (cache.TryGetValue(key, out known))
                return known!;
            var located = await locate(); // a failure is not remembered: the next attempt asks again
            cache.Set(key, located, options.Value.LocationCacheLifetime);
            return located;
        }
        finally
        {
            gate.Release();
        }
    }

    string Key(Guid tenantId, string kind, string name) =>
        $"confluence-location\n{tenantId}\n{generations.GetValueOrDefault(tenantId)}\n{kind}\n{name}";
}

/// <summary>Confluence no longer has the parent page (or space) a report was to be created under: locate it again.</summary>
public sealed class ReportLocationGoneException(string message, Exception inner) : PublicationFailedException(message, isPermanent: true, inner);
