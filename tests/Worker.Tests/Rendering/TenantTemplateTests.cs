using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

public sealed class TenantTemplateTests
{
    readonly TenantTemplateValidator validator = new(new ReportPageRenderer());

    [Fact]
    public void A_valid_template_is_accepted_with_a_preview_and_may_reuse_the_built_in_parts()
    {
        var check = validator.Check(MeetingKind.Retrospective,
            "<h1>{{ team | html.escape }}</h1>\n{{ for c in columns }}<h2>{{ c.name | html.escape }}</h2>{{ end }}\n{{ include 'actions' }}");

        Assert.True(check.IsValid, check.Error);
        Assert.Contains("<h1>Platform Team</h1>", check.PreviewStorageXml, StringComparison.Ordinal);
        Assert.Contains("Quarantine the three flakiest tests", check.PreviewStorageXml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_syntax_error_comes_back_with_line_and_column()
    {
        var check = validator.Check(MeetingKind.Retrospective, "<p>ok</p>\n<p>{{ for c in columns }}</p>");

        Assert.False(check.IsValid);
        Assert.Equal(2, check.Line);
        Assert.NotNull(check.Column);
        Assert.Contains("line 2", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_variable_is_an_error_not_an_empty_string()
    {
        var check = validator.Check(MeetingKind.HealthCheck, "<p>{{ teem }}</p>");

        Assert.False(check.IsValid);
        Assert.Equal(1, check.Line);
        Assert.Contains("teem", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_that_produces_broken_storage_xml_is_refused()
    {
        var check = validator.Check(MeetingKind.Retrospective, "<p>{{ team | html.escape }} & <b>unclosed</p>");

        Assert.False(check.IsValid);
        Assert.Contains("not well-formed", check.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{ include '../../../../etc/passwd' }}")]
    [InlineData("{{ for i in 1..100000 }}x{{ end }}")]
    [InlineData("{{ func f; f; end; f }}")]
    public void A_template_cannot_read_files_loop_forever_or_recurse_without_bound(string template)
    {
        var check = validator.Check(MeetingKind.Retrospective, template);

        Assert.False(check.IsValid);
    }

    [Fact]
    public void A_template_that_runs_too_long_is_stopped()
    {
        // Each loop stays under the loop limit and each step under the string limit; together they would run for a minute.
        var check = validator.Check(MeetingKind.Retrospective, string.Concat(Enumerable.Repeat(
            "{{ for i in 1..19000 }}{{ if ((team * 100000) | string.upcase | string.size) < i }}x{{ end }}{{ end }}", 3)));

        Assert.False(check.IsValid);
        Assert.True(check.Error?.Contains("longer than", StringComparison.Ordinal), check.Error);
    }

    [Fact]
    public void Template_sees_only_the_report_model_not_dotnet_members()
    {
        var check = validator.Check(MeetingKind.Retrospective, "<p>{{ team.Length }}{{ team.GetType }}</p>");

        Assert.False(check.IsValid);
    }
}
