using System.Globalization;
using System.Text;
using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>
/// Page titles: deterministic per meeting, at most 255 characters, never splitting a character. A tenant may set a
/// pattern with the placeholders {team}, {title}, {kind} and {date}; two meetings that end up with one title are told
/// apart by <see cref="Disambiguated"/> when the second is published.
/// </summary>
public static partial class ReportTitle
{
    public const int MaxLength = Persistence.StoredText.NameLength;
    public static readonly IReadOnlyList<string> Placeholders = ["{team}", "{title}", "{kind}", "{date}"];

    public static string For(MeetingCompleted meeting, string? pattern = null)
    {
        if (!string.IsNullOrWhiteSpace(pattern))
            return FromPattern(meeting, pattern);

        var team = OneLine(meeting.Team) is { Length: > 0 } t ? t : "Team";
        var date = meeting.EndedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var title = OneLine(meeting.Title);
        var kind = meeting.Kind == MeetingKind.HealthCheck ? "Health Check" : "Retrospective";
        // The date stays at the end even when the team or title is long: it is what tells reports apart.
        var prefix = title.Length > 0 ? $"{team} – {title}" : $"{team} {kind}";
        var suffix = title.Length > 0 ? $" – {date}" : $" {date}";
        return Truncate(prefix, MaxLength - suffix.Length) + suffix;
    }

    /// <summary>For when the plain title is taken by a page that is not ours: the meeting id's first 8 hex digits.</summary>
    public static string Disambiguated(MeetingCompleted meeting, string? pattern = null)
    {
        var plain = For(meeting, pattern);
        var marker = $" ({meeting.MeetingId.ToString("N")[..8]})";
        return Truncate(plain, MaxLength - marker.Length) + marker;
    }

    /// <summary>Why a title pattern cannot be used, or null when it can.</summary>
    public static string? PatternProblem(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
            return "The title pattern is empty.";
        var unknown = Placeholder().Matches(pattern).Select(m => m.Value).Where(p => !Placeholders.Contains(p)).ToList();
        return unknown.Count > 0
            ? $"Unknown placeholder {unknown[0]}; use {string.Join(", ", Placeholders)}."
            : null;
    }

    static string FromPattern(MeetingCompleted meeting, string pattern)
    {
        var title = pattern
            .Replace("{team}", OneLine(meeting.Team) is { Length: > 0 } t ? t : "Team", StringComparison.Ordinal)
            .Replace("{title}", OneLine(meeting.Title), StringComparison.Ordinal)
            .Replace("{kind}", meeting.Kind == MeetingKind.HealthCheck ? "Health Check" : "Retrospective", StringComparison.Ordinal)
            .Replace("{date}", meeting.EndedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var line = OneLine(title);
        return Truncate(line.Length > 0 ? line : "Report", MaxLength);
    }

    [System.Text.RegularExpressions.GeneratedRegex("\\{[^{}]*\\}")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    static string OneLine(string? text) =>
        string.Join(' ', StorageFormat.Clean(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(c => !char.IsControl(c)).Aggregate(new StringBuilder(), (b, c) => b.Append(c)).ToString();

    /// <summary>Cuts at a text-element boundary (a surrogate pair or a combining sequence is never split).</summary>
    static string Truncate(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var info = new StringInfo(text);
        var builder = new StringBuilder();
        for (var i = 0; i < info.LengthInTextElements; i++)
        {
            var element = info.SubstringByTextElements(i, 1);
            if (builder.Length + element.Length > max - 1)
                break;
            builder.Append(element);
        }

        return builder.Append('…').ToString().TrimEnd();
    }
}
