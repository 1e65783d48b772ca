using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Publishing.Persistence;

/// <summary>
/// The length of each kind of text column: the EF model declares them from here, and whatever stores or validates
/// text (the saga's bookkeeping, the Api's checks) cuts or refuses by the same numbers.
/// </summary>
public static class StoredText
{
    /// <summary>Titles, space keys, user names, hosts: Confluence's own title limit.</summary>
    public const int NameLength = 255;
    public const int UrlLength = 2048;
    public const int ErrorLength = 2048;
    /// <summary>Confluence ids, step and state names, SHA-256 hex.</summary>
    public const int IdLength = 64;

    /// <summary>
    /// Text as a column can hold it: PostgreSQL refuses NUL characters and Npgsql lone surrogates, so user text (a title)
    /// and messages that quote it lose the characters XML forbids anyway, and are cut without splitting a pair.
    /// </summary>
    public static string Fit(string? value, int max)
    {
        var clean = StorageFormat.Clean(value);
        if (clean.Length <= max)
            return clean;
        return clean[..(char.IsHighSurrogate(clean[max - 1]) ? max - 1 : max)];
    }
}
