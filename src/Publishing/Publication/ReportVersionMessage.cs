namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>
/// Our page versions say what they hold and whose they are: "sha256:&lt;hash of the body we sent&gt; TeamRetro meeting
/// &lt;meeting id&gt;". The hash comes first because Confluence truncates long messages. Confluence rewrites storage XML on
/// save, so bodies are never compared: an unchanged hash means the page is already up to date. The meeting id tells
/// a lost create of this meeting's page apart from another meeting's page that happens to share its title.
/// </summary>
public static class ReportVersionMessage
{
    const string Prefix = "sha256:";
    const string Owner = " TeamRetro meeting ";

    public static string For(string bodySha256, Guid meetingId) => Prefix + bodySha256 + Owner + meetingId.ToString("D");

    public static string? BodyHashOf(string? versionMessage) =>
        versionMessage is not null && versionMessage.StartsWith(Prefix, StringComparison.Ordinal) && versionMessage.Length >= Prefix.Length + 64
            ? versionMessage.Substring(Prefix.Length, 64)
            : null;

    public static bool IsFor(string? versionMessage, Guid meetingId) =>
        BodyHashOf(versionMessage) is not null && versionMessage!.EndsWith(Owner + meetingId.ToString("D"), StringComparison.Ordinal);
}
