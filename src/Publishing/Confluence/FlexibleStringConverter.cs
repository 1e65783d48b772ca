using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>Confluence sends some ids as numbers (spaces) and others as strings (content): read both as text.</summary>
internal sealed class FlexibleStringConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt64(out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : reader.GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonTokenType.String => reader.GetString() ?? "",
            _ => throw new JsonException($"Expected a string or number, found {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
