using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>How the saga keeps the meeting snapshot: JSON in one column, hashed to spot real changes.</summary>
public static class MeetingJson
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(MeetingCompleted meeting) => JsonSerializer.Serialize(meeting, Options);

    public static MeetingCompleted Deserialize(string json) =>
        JsonSerializer.Deserialize<MeetingCompleted>(json, Options)
        ?? throw new InvalidOperationException("The stored meeting snapshot is empty.");

    public static string Sha256(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
}
