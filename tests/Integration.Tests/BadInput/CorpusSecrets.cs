using System.Collections.Concurrent;

namespace TeamRetro.Confluence.Integration.Tests.BadInput;

/// <summary>Every password and token a corpus case sends, so the last test can prove none of them reached a log line.</summary>
public static class CorpusSecrets
{
    static readonly ConcurrentDictionary<string, byte> Sent = new(StringComparer.Ordinal);

    /// <summary>Records the secret and hands it back, so a case can write <c>CorpusSecrets.Use("...")</c> where it sends one.</summary>
    public static string Use(string secret)
    {
        Sent.TryAdd(secret, 0);
        return secret;
    }

    public static IReadOnlyCollection<string> All => Sent.Keys.ToList();
}
