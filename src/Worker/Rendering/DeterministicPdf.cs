using System.Security.Cryptography;
using System.Text;
using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Worker.Rendering;

/// <summary>
/// PDFsharp stamps every file with a random trailer /ID. We replace it with one derived from the meeting, so the
/// same meeting always yields the same bytes and an unchanged PDF is recognised by its hash and not uploaded again.
/// The replacement keeps the length, so the cross-reference offsets stay valid.
/// </summary>
internal static class DeterministicPdf
{
    public static byte[] Normalise(byte[] pdf, MeetingCompleted meeting)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var start = text.LastIndexOf("/ID[<", StringComparison.Ordinal);
        if (start < 0)
            start = text.LastIndexOf("/ID [<", StringComparison.Ordinal);
        if (start < 0)
            return pdf;
        var open = text.IndexOf('<', start);
        var close = text.IndexOf(']', open);
        var idBlock = text[open..close];

        var seed = SHA256.HashData(Encoding.UTF8.GetBytes($"{meeting.TenantId}/{meeting.MeetingId}/{meeting.EndedAt:O}"));
        var hex = Convert.ToHexString(seed);
        var replaced = new StringBuilder(idBlock.Length);
        var h = 0;
        foreach (var c in idBlock)
            replaced.Append(Uri.IsHexDigit(c) ? hex[h++ % hex.Length] : c);

        var result = (byte[])pdf.Clone();
        Encoding.Latin1.GetBytes(replaced.ToString()).CopyTo(result, open);
        return result;
    }
}
