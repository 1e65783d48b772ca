using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

/// <summary>Security review F5: a tenant template that prints a text value without html.escape is refused when saved.</summary>
public sealed class TenantTemplateEscapingTests
{
    // The review's repro D1: the comments are printed raw, and the old sample had no markup in any comment.
    const string RawComments = "{{ for d in dimensions }}<p>{{ d.name | html.escape }}: {{ for c in d.comments }}{{ c }} {{ end }}</p>{{ end }}";

    readonly TenantTemplateValidator validator = new(new ReportPageRenderer());

    [Fact]
    public void A_health_check_template_printing_comments_raw_is_refused_naming_the_comments()
    {
        var check = validator.Check(MeetingKind.HealthCheck, RawComments);

        Assert.False(check.IsValid);
        Assert.Contains("`dimensions[].comments[]`", check.Error, StringComparison.Ordinal);
        Assert.Contains("html.escape", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_template_escaping_the_comments_is_accepted()
    {
        var check = validator.Check(MeetingKind.HealthCheck, RawComments.Replace("{{ c }}", "{{ c | html.escape }}", StringComparison.Ordinal));

        Assert.True(check.IsValid, check.Error);
        Assert.Contains("<p>Codebase health: Flaky tests again </p>", check.PreviewStorageXml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("retrospective.sbn", MeetingKind.Retrospective)]
    [InlineData("health-check.sbn", MeetingKind.HealthCheck)]
    [InlineData("retrospective.sbn", MeetingKind.HealthCheck)]
    [InlineData("health-check.sbn", MeetingKind.Retrospective)]
    public void The_built_in_templates_pass_the_check(string builtIn, MeetingKind kind)
    {
        var check = validator.Check(kind, EmbeddedTemplates.Read(builtIn));

        Assert.True(check.IsValid, check.Error);
    }

    [Theory]
    [InlineData("{{ for c in columns }}{{ for e in c.entries }}{{ for card in e.cards }}<p>{{ card.text | html.escape }} ({{ card.author }})</p>{{ end }}{{ end }}{{ end }}", "`columns[].entries[].cards[].author`")]
    [InlineData("{{ for c in columns }}{{ for e in c.entries }}{{ if e.group }}<h3>{{ e.group }}</h3>{{ end }}{{ end }}{{ end }}", "`columns[].entries[].group`")]
    [InlineData("<h1>{{ title }}</h1>", "`title`")]
    [InlineData("<p>{{ participants | array.join ', ' }}</p>", "`participants[]`")]
    [InlineData("<table>{{ for a in action_items }}<tr><td>{{ a.text | html.escape }}</td><td>{{ a.owner }}</td></tr>{{ end }}</table>", "`action_items[].owner`")]
    [InlineData("{{ if action_items_as_tasks }}<ul>{{ for a in action_items }}<li>{{ a.text }}</li>{{ end }}</ul>{{ end }}", "`action_items[].text`")]
    [InlineData("<p>{{ team | html.strip }}</p>", "a text value")]
    [InlineData("<p>{{ team | string.truncate 12 }}</p>", "a text value")] // cut short, still raw
    public void Every_text_value_of_the_model_is_checked(string template, string named)
    {
        var check = validator.Check(MeetingKind.Retrospective, template);

        Assert.False(check.IsValid);
        Assert.Contains($"prints {named} without `html.escape`", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Dimension_names_are_checked_in_health_check_templates()
    {
        var check = validator.Check(MeetingKind.HealthCheck, "{{ for d in dimensions }}<p>{{ d.name }}</p>{{ end }}");

        Assert.False(check.IsValid);
        Assert.Contains("`dimensions[].name`", check.Error, StringComparison.Ordinal);
    }
}
