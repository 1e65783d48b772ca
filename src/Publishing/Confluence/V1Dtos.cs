using System.Text.Json.Serialization;

namespace TeamRetro.Confluence.Publishing.Confluence;

// The subset of Confluence's v1 REST shapes the product reads and writes.

internal sealed record V1Page<T>(IReadOnlyList<T> Results, [property: JsonPropertyName("_links")] V1Links? Links);

internal sealed record V1Links(string? Next, string? Base, string? Context, string? Webui);

internal sealed record V1Space([property: JsonConverter(typeof(FlexibleStringConverter))] string Id, string Key, string Name);

internal sealed record V1Content(
    [property: JsonConverter(typeof(FlexibleStringConverter))] string Id,
    string Title,
    V1Version? Version,
    IReadOnlyList<V1Ref>? Ancestors,
    [property: JsonPropertyName("_links")] V1Links? Links);

internal sealed record V1Version(int Number, string? Message);

internal sealed record V1Ref([property: JsonConverter(typeof(FlexibleStringConverter))] string Id);

internal sealed record ErrorBody(string? Message, IReadOnlyList<V2Error>? Errors);

internal sealed record V2Error(string? Title, string? Detail);

internal sealed record V1SpaceRef(string Key);

internal sealed record V1Storage(string Value, string Representation = "storage");

internal sealed record V1Body(V1Storage Storage);

internal sealed record V1VersionWrite(int? Number, string Message);

internal sealed record V1ContentWrite(
    string Type,
    string Title,
    V1SpaceRef? Space,
    IReadOnlyList<V1Ref>? Ancestors,
    V1Body Body,
    V1VersionWrite? Version);

internal sealed record V1Attachment([property: JsonConverter(typeof(FlexibleStringConverter))] string Id, string Title, V1Version? Version);

internal sealed record V1User(string? Type, string? Username, string? DisplayName);
