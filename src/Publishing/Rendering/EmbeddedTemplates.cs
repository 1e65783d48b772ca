using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>Templates shipped inside the assembly (Rendering/Templates/*.sbn); partials are named "_name.sbn" and included as 'name'.</summary>
internal sealed class EmbeddedTemplates : ITemplateLoader
{
    public static readonly EmbeddedTemplates Instance = new();

    static readonly Assembly Assembly = typeof(EmbeddedTemplates).Assembly;

    public static string Read(string fileName)
    {
        var name = Assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith(".Templates." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The embedded template {fileName} is missing.");
        using var stream = Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => "_" + templateName + ".sbn";

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => Read(templatePath);

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) => new(Read(templatePath));
}
