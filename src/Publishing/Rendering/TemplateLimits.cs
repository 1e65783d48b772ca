using System.Text;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>
/// The limits on a tenant's template, in one place: the Api checks them when a template is saved and the renderer
/// again when a stored one is rendered (it may predate a limit).
/// </summary>
public static class TemplateLimits
{
    /// <summary>The largest template text, in UTF-8 bytes (64 KB).</summary>
    public const int MaxTemplateBytes = 65_536;

    /// <summary>Parsed tenant templates kept for reuse, bounded by the total UTF-8 bytes of their texts.</summary>
    public const int MaxCachedTemplateBytes = 2 * 1_048_576;

    /// <summary>...and by how many there are.</summary>
    public const int MaxCachedTemplates = 512;

    /// <summary>The longest string a template may build while rendering: twice the largest page Confluence accepts.</summary>
    public const int MaxStringLength = 2 * ReportPageRenderer.MaxBodyBytes;

    /// <summary>Why the text is too large to be a template, or null when it is not.</summary>
    public static string? SizeProblem(string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        return bytes > MaxTemplateBytes
            ? $"The template is {bytes:N0} bytes; a template may be at most {MaxTemplateBytes:N0} bytes (64 KB)."
            : null;
    }
}
