using System.Globalization;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Api.Publications;

/// <summary>The keyset position after a publication: its creation time (UTC ticks) and id, as "ticks.id".</summary>
public sealed record PublicationCursor(DateTimeOffset CreatedAt, Guid Id)
{
    public static string After(ReportPublication p) =>
        $"{p.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}.{p.CorrelationId:N}";

    public static PublicationCursor? Parse(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && Guid.TryParseExact(parts[1], "N", out var id)
                ? new PublicationCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
    }
}
