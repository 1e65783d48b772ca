using System.Text;
using System.Xml;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>Confluence storage format is XML: user text must be legal XML characters, and the body well-formed.</summary>
public static class StorageFormat
{
    const string WrapperStart = "<root xmlns:ac=\"http://atlassian.com/content\" xmlns:ri=\"http://atlassian.com/resource/identifier\">";

    /// <summary>Removes what XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF); keeps emoji and every script.</summary>
    public static string Clean(string? userText)
    {
        if (string.IsNullOrEmpty(userText))
            return "";
        if (IsClean(userText))
            return userText;

        var builder = new StringBuilder(userText.Length);
        for (var i = 0; i < userText.Length; i++)
        {
            var c = userText[i];
            if (char.IsHighSurrogate(c) && i + 1 < userText.Length && char.IsLowSurrogate(userText[i + 1]))
            {
                builder.Append(c).Append(userText[++i]);
            }
            else if (!char.IsSurrogate(c) && XmlConvert.IsXmlChar(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Throws <see cref="InvalidMeetingException"/> with line and column when the body is not well-formed.</summary>
    public static void EnsureWellFormed(string storageXml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, ConformanceLevel = ConformanceLevel.Document };
        try
        {
            using var reader = XmlReader.Create(new StringReader(WrapperStart + storageXml + "</root>"), settings);
            while (reader.Read())
            {
            }
        }
        catch (XmlException e)
        {
            throw new InvalidMeetingException($"The rendered page is not well-formed storage XML (line {e.LineNumber}, column {e.LinePosition} of the output): {e.Message}");
        }
    }

    static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c) || !XmlConvert.IsXmlChar(c))
                return false;
        }

        return true;
    }
}
