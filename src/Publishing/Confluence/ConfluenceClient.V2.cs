using System.Net.Http.Json;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>v2 REST: /api/v2/spaces and /api/v2/pages (Cloud's current profile).</summary>
public sealed partial class ConfluenceClient
{
    async Task<ConfluenceSpace?> V2FindSpace(ConfluenceSite site, string spaceKey, CancellationToken ct)
    {
        await foreach (var space in V2Spaces(site, $"api/v2/spaces?keys={Uri.EscapeDataString(spaceKey)}&limit=25", ct))
        {
            if (string.Equals(space.Key, spaceKey, StringComparison.Ordinal))
            {
                spaceIds.Remember(site, space.Key, space.Id);
                return space;
            }
        }

        return null;
    }

    async Task<ConfluencePage?> V2FindPage(ConfluenceSite site, string spaceKey, string title, CancellationToken ct)
    {
        var spaceId = await V2SpaceId(site, spaceKey, ct);
        var path = $"api/v2/pages?space-id={Uri.EscapeDataString(spaceId)}&title={Uri.EscapeDataString(title)}&status=current&limit=25";
        var pages = await Send<V2List<V2Page>>(site, HttpMethod.Get, path, null, "Finding page", ct);
        var match = pages.Results.FirstOrDefault(p => string.Equals(p.Title, title, StringComparison.OrdinalIgnoreCase));
        return match is null ? null : V2ToPage(site, match);
    }

    async Task<ConfluencePage> V2CreatePage(ConfluenceSite site, NewPage page, CancellationToken ct)
    {
        var spaceId = await V2SpaceId(site, page.SpaceKey, ct);
        var body = new V2PageCreate(spaceId, "current", page.Title, page.ParentId, new V2Body(page.StorageXml));
        // v2 create takes no version message: the marker is written by an immediate update, which is what makes the
        // page recognisable as ours if the answer to this create is lost.
        var created = await Send<V2Page>(site, HttpMethod.Post, "api/v2/pages", JsonContent.Create(body, options: Json), $"Creating page '{page.Title}'", ct);
        return await V2UpdatePage(site, new PageUpdate(created.Id, page.Title, page.StorageXml, (created.Version?.Number ?? 1) + 1, page.VersionMessage), ct);
    }

    async Task<ConfluencePage> V2UpdatePage(ConfluenceSite site, PageUpdate update, CancellationToken ct)
    {
        var body = new V2PageUpdate(update.PageId, "current", update.Title, new V2Body(update.StorageXml), new V2VersionWrite(update.NewVersion, update.VersionMessage));
        var updated = await Send<V2Page>(site, HttpMethod.Put, $"api/v2/pages/{Uri.EscapeDataString(update.PageId)}",
            JsonContent.Create(body, options: Json), $"Updating page '{update.Title}'", ct);
        return V2ToPage(site, updated);
    }

    IAsyncEnumerable<ConfluenceSpace> V2Spaces(ConfluenceSite site, string firstPath, CancellationToken ct) =>
        FollowNext<V2List<V2Space>>(site, firstPath, p => p.Results.Select(s => new ConfluenceSpace(s.Id, s.Key, s.Name)), p => p.Links?.Next, ct);

    async Task<string> V2SpaceId(ConfluenceSite site, string spaceKey, CancellationToken ct)
    {
        if (spaceIds.TryGet(site, spaceKey, out var id))
            return id;
        var space = await V2FindSpace(site, spaceKey, ct)
            ?? throw new PublicationFailedException($"Space '{spaceKey}' was not found on {site.Root.Host}, or the integration's account cannot see it.", isPermanent: true);
        return space.Id;
    }

    static ConfluencePage V2ToPage(ConfluenceSite site, V2Page page) =>
        new(page.Id, page.Title, page.Version?.Number ?? 1, page.Version?.Message, page.ParentId, WebUrl(site, page.Links?.Webui));
}
