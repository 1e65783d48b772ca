using System.Net;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace TeamRetro.Confluence.Emulator;

/// <summary>
/// Storage format as a person would see it in Confluence, roughly: status macros as coloured lozenges (Confluence's
/// colours), task lists as checkboxes, info panels as panels, and the view-file macro as an embedded PDF preview.
/// Other macros show as their name. A body that is not XML is shown as text.
/// </summary>
internal static partial class StorageView
{
    static readonly XNamespace Ac = "http://atlassian.com/content";
    static readonly XNamespace Ri = "http://atlassian.com/resource/identifier";

    /// <summary>The lozenge colours, matching the publisher's PDF (Rendering/Pdf/StatusColours.cs).</summary>
    public const string Css =
        ".status{display:inline-block;padding:0 4px;border-radius:3px;font-size:11px;font-weight:700;text-transform:uppercase;line-height:16px}" +
        ".status-green{background:#DCFFF1;color:#216E4E}.status-yellow{background:#FFF7D6;color:#7F5F01}.status-red{background:#FFECEB;color:#AE2E24}" +
        ".status-blue{background:#E9F2FF;color:#0055CC}.status-grey{background:#DCDFE4;color:#44546F}" +
        ".panel{background:#E9F2FF;border-radius:3px;padding:8px 12px;margin:8px 0}.tasks{list-style:none;padding-left:0}.macro{color:#6B778C}" +
        ".preview{width:100%;height:640px;border:1px solid #ccc}";

    public static string ToHtml(string storage, string pageId)
    {
        XElement root;
        try
        {
            var xml = NamedEntity().Replace(storage, m => m.Groups[1].Value is "amp" or "lt" or "gt" or "quot" or "apos" ? m.Value : "&#160;");
            root = XElement.Parse($"<root xmlns:ac=\"{Ac}\" xmlns:ri=\"{Ri}\">{xml}</root>");
        }
        catch (XmlException)
        {
            return $"<pre>{WebUtility.HtmlEncode(storage)}</pre>";
        }

        return string.Concat(root.Nodes().Select(n => View(n, pageId)?.ToString(SaveOptions.DisableFormatting)));
    }

    static XNode? View(XNode node, string pageId) => node switch
    {
        XElement e when e.Name == Ac + "structured-macro" => Macro(e, pageId),
        XElement e when e.Name == Ac + "task-list" => new XElement("ul", new XAttribute("class", "tasks"), e.Elements(Ac + "task").Select(t => Task(t, pageId))),
        XElement e when e.Name.Namespace == XNamespace.None => new XElement(e.Name, e.Attributes().Where(a => !a.IsNamespaceDeclaration), Children(e, pageId)),
        XElement e => new XElement("span", new XAttribute("class", "macro"), e.Value),
        XText t => new XText(t.Value),
        _ => null,
    };

    static IEnumerable<XNode?> Children(XElement element, string pageId) => element.Nodes().Select(n => View(n, pageId));

    static XElement Macro(XElement macro, string pageId)
    {
        var name = (string?)macro.Attribute(Ac + "name");
        string Param(string key) => macro.Elements(Ac + "parameter").FirstOrDefault(p => (string?)p.Attribute(Ac + "name") == key)?.Value ?? "";
        var body = macro.Element(Ac + "rich-text-body");
        switch (name)
        {
            case "status":
                return new XElement("span", new XAttribute("class", $"status status-{Param("colour").ToLowerInvariant()}"), Param("title"));
            case "info" or "note" or "tip" or "warning" or "panel":
                return new XElement("div", new XAttribute("class", $"panel {name}"), body is null ? null : Children(body, pageId));
            case "view-file" when macro.Descendants(Ri + "attachment").FirstOrDefault() is { } attachment:
                var href = $"/download/attachments/{pageId}/{Uri.EscapeDataString((string?)attachment.Attribute(Ri + "filename") ?? "")}";
                return new XElement("object", new XAttribute("class", "preview"), new XAttribute("data", href), new XAttribute("type", "application/pdf"),
                    new XElement("a", new XAttribute("href", href), (string?)attachment.Attribute(Ri + "filename")));
            default:
                return new XElement("div", new XAttribute("class", "macro"), $"[{name} macro]");
        }
    }

    static XElement Task(XElement task, string pageId)
    {
        var done = task.Element(Ac + "task-status")?.Value == "complete";
        var checkbox = new XElement("input", new XAttribute("type", "checkbox"), new XAttribute("disabled", "disabled"), done ? new XAttribute("checked", "checked") : null);
        var body = task.Element(Ac + "task-body");
        return new XElement("li", checkbox, " ", body is null ? null : Children(body, pageId));
    }

    [GeneratedRegex("&([a-zA-Z][a-zA-Z0-9]*);")]
    private static partial Regex NamedEntity();
}
