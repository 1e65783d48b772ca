using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TeamRetro.Confluence.Publishing.Messaging;

/// <summary>
/// Reads strings as System.Text.Json does, except that an escaped lone surrogate (<c>"\ud800"</c>: valid JSON, what a
/// JavaScript publisher sends after cutting an emoji in half) becomes U+FFFD instead of failing the whole message
/// (security review 13). System.Text.Json refuses invalid UTF-16 in strings, so only then is the value unescaped here.
/// </summary>
public sealed class LoneSurrogateStringConverter : JsonConverter<string>
{
    const char Replacement = '\uFFFD';
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.ValueIsEscaped)
            return reader.GetString(); // throws for other tokens, as the built-in converter does

        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
            return ReplaceLoneSurrogates(Unescape(StrictUtf8.GetString(raw)));
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    // Dictionary keys (headers) stay as System.Text.Json reads and writes them.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    /// <summary>JSON's escapes (RFC 8259 §7), with every <c>\uXXXX</c> kept as the UTF-16 unit it names, paired or not.</summary>
    static string Unescape(string escaped)
    {
        var text = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] != '\\')
            {
                text.Append(escaped[i]);
                continue;
            }

            var escape = escaped[++i];
            switch (escape)
            {
                case 'u':
                    text.Append((char)int.Parse(escaped.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'n': text.Append('\n'); break;
                case 'r': text.Append('\r'); break;
                case 't': text.Append('\t'); break;
                default: text.Append(escape); break; // \" \\ \/ (the reader has already refused any other escape)
            }
        }

        return text.ToString();
    }

    static string ReplaceLoneSurrogates(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
                i++;
            else if (char.IsSurrogate(chars[i]))
                chars[i] = Replacement;
        }

        return new string(chars);
    }
}
