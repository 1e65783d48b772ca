using System.Text.Json.Serialization;

namespace TeamRetro.Confluence.Publishing.Confluence;

// The subset of Confluence Cloud's v2 REST shapes the product reads and writes.

internal sealed record V2List<T>(IReadOnlyList<T> Results, [property: JsonPropertyName("_links")] V2Links? Links);

internal sealed record V2Links(string? Next, string? Base, string? Webui);

internal sealed record V2Space([property: JsonConverter(typeof(FlexibleStringConverter))] string Id, string Key, string Name);

internal sealed record V2Page(
    [property: JsonConverter(typeof(FlexibleStringConverter))] string Id,
    string Title,
    string? ParentId,
    V1Version? Version,
    [property: JsonPropertyName("_links")] V2Links? Links);

internal sealed record V2Body(string Value, string Representation = "storage");

internal sealed record V2VersionWrite(int Number, string Message);

internal sealed record V2PageCreate(string SpaceId, string Status, string Title, string? ParentId, V2Body Body);

internal sealed record V2PageUpdate(string Id, string Status, string Title, V2Body Body, V2VersionWrite Version);
