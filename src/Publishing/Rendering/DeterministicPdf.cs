using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>
/// PDFsharp stamps every file with a random trailer /ID, random font-subset tags ("UNHFGY+DejaVu Sans") and random XMP ids. We
/// replace both with values derived from the meeting and the order of appearance, so the same meeting always yields
/// the same bytes and an unchanged PDF is recognised by its hash and not uploaded again. Replacements keep their
/// length, so the cross-reference offsets stay valid.
/// </summary>
internal static partial class DeterministicPdf
{
    public static byte[] Normalise(byte[] pdf, MeetingCompleted meeting)
    {
        var text = Encoding.Latin1.GetString(pdf);
        text = FixSubsetTags(text);
        text = FixDocumentId(text, meeting);
        text = FixXmpUuids(text, meeting);
        text = BlankXmpTitle(text);
        return Encoding.Latin1.GetBytes(text);
    }

    static string FixSubsetTags(string text)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        return SubsetTag().Replace(text, m =>
        {
            if (!tags.TryGetValue(m.Value, out var fixedTag))
            {
                var n = tags.Count;
                fixedTag = string.Concat(Enumerable.Range(0, 6).Select(i => (char)('A' + (n / (int)Math.Pow(26, 5 - i) % 26))));
                tags[m.Value] = fixedTag;
            }

            return fixedTag;
        });
    }

    static string FixDocumentId(string text, MeetingCompleted meeting)
    {
        var start = text.LastIndexOf("/ID", StringComparison.Ordinal);
        if (start < 0)
            return text;
        var open = text.IndexOf('[', start);
        var close = text.IndexOf(']', open);
        var seed = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{meeting.TenantId}/{meeting.MeetingId}/{meeting.EndedAt:O}")));
        var h = 0;
        var replaced = string.Concat(text[open..close].Select(c => Uri.IsHexDigit(c) ? seed[h++ % seed.Length] : c));
        return string.Concat(text.AsSpan(0, open), replaced, text.AsSpan(close));
    }

    /// <summary>
    /// PDFsharp writes the title into the XMP packet without escaping it, so "Platform &amp; Tools" makes the packet
    /// malformed XML. The title stays in the document information dictionary (where readers show it from); in the XMP
    /// packet the element is replaced by spaces of the same length, which keeps the packet well-formed and every offset valid.
    /// </summary>
    static string BlankXmpTitle(string text) => XmpTitle().Replace(text, m => new string(' ', m.Length));

    [GeneratedRegex("<dc:title>.*?</dc:title>", RegexOptions.Singleline)]
    private static partial Regex XmpTitle();

    /// <summary>The XMP packet's DocumentID and InstanceID are random UUIDs too.</summary>
    static string FixXmpUuids(string text, MeetingCompleted meeting)
    {
        var n = 0;
        return XmpUuid().Replace(text, _ =>
        {
            var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{meeting.MeetingId}/xmp/{n++}"));
            return "uuid:" + new Guid(bytes.AsSpan(0, 16)).ToString("D");
        });
    }

    [GeneratedRegex("uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex XmpUuid();

    [GeneratedRegex("(?<=/(?:FontName|BaseFont)/)[A-Z]{6}(?=\\+)")]
    private static partial Regex SubsetTag();
}
