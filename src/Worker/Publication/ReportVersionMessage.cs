namespace TeamRetro.Confluence.Worker.Publication;

/// <summary>
/// Our page versions say what they hold: "sha256:&lt;hash of the body we sent&gt; (TeamRetro)". The hash is at the start
/// because Confluence truncates long messages. Confluence rewrites storage XML on save, so bodies are never compared:
/// an unchanged hash means the page is already up to date.
/// </summary>
public static class ReportVersionMessage
{
    const string Prefix = "sha256:";
    const string Suffix = " (TeamRetro)";

    public static string For(string bodySha256) => Prefix + bodySha256 + Suffix;

    public static string? BodyHashOf(string? versionMessage) =>
        versionMessage is not null && versionMessage.StartsWith(Prefix, StringComparison.Ordinal) && versionMessage.Length >= Prefix.Length + 64
            ? versionMessage.Substring(Prefix.Length, 64)
            : null;

    public static bool IsOurs(string? versionMessage) => BodyHashOf(versionMessage) is not null;
}
