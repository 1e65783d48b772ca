using System.Text.RegularExpressions;
using System.Xml;

namespace TeamRetro.Confluence.Emulator;

/// <summary>Confluence refuses storage bodies that are not well-formed XML ("Error parsing xhtml").</summary>
internal static partial class StorageXml
{
    public static string? Problem(string body)
    {
        // Confluence accepts HTML named entities (&nbsp; ...); XML knows only five, so stand them in for the check.
        var xml = NamedEntity().Replace(body, m => m.Groups[1].Value is "amp" or "lt" or "gt" or "quot" or "apos" ? m.Value : "&#160;");
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(
                "<root xmlns:ac=\"http://atlassian.com/content\" xmlns:ri=\"http://atlassian.com/resource/identifier\">" + xml + "</root>"), settings);
            while (reader.Read())
            {
            }

            return null;
        }
        catch (XmlException e)
        {
            return $"Error parsing xhtml: {e.Message}";
        }
    }

    [GeneratedRegex("&([a-zA-Z][a-zA-Z0-9]*);")]
    private static partial Regex NamedEntity();
}
