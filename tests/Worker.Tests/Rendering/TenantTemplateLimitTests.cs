using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

/// <summary>Security review F2: a tenant template cannot make the shared process allocate without bound.</summary>
public sealed class TenantTemplateLimitTests
{
    // The review's repro D2: passed the old save check after allocating 512 MiB.
    const string Doubling = "{{\ns = \"x\"\nfor i in 1..27\n  s = s + s\nend\ns | string.size\n}}";

    readonly ReportPageRenderer renderer = new();

    TenantTemplateValidator Validator => new(renderer);

    [Fact]
    public void The_doubling_template_is_refused_naming_the_assignment_and_its_line()
    {
        var check = Validator.Check(MeetingKind.Retrospective, Doubling);

        Assert.False(check.IsValid);
        Assert.Contains("assigns a variable at line 2", check.Error, StringComparison.Ordinal);
        Assert.Equal(2, check.Line);
    }

    [Theory]
    [InlineData("{{ capture s }}{{ team }}{{ end }}", "capture")]
    [InlineData("{{ func twice; ret $0 + $0; end }}{{ twice team }}", "defines a function")]
    [InlineData("{{ for c in columns }}{{ c.name | string.pad_left 100000000 }}{{ end }}", "pad_left")]
    [InlineData("{{ team | string.replace 'a' 'aaaaaaaaaaaaaaaa' | string.replace 'a' 'aaaaaaaaaaaaaaaa' }}", "replace")]
    [InlineData("{{ 's = 1' | object.eval }}", "eval")]
    [InlineData("{{ string['pad_right'] team 100000000 }}", "pad_right")]
    [InlineData("{{ 1 | math.format 'D999999999' }}", "format")]
    public void Constructs_that_can_grow_memory_are_refused_by_name(string template, string named)
    {
        var check = Validator.Check(MeetingKind.Retrospective, template);

        Assert.False(check.IsValid);
        Assert.Contains(named, check.Error, StringComparison.Ordinal);
        Assert.Equal(1, check.Line);
    }

    [Fact]
    public void Repeating_text_by_multiplication_is_stopped_before_it_allocates()
    {
        var check = Validator.Check(MeetingKind.Retrospective, "{{ (team * 1000000000) | string.size }}");

        Assert.False(check.IsValid);
        Assert.Contains("longer than 10,485,760 characters", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_still_multiply_and_short_text_still_repeats()
    {
        var check = Validator.Check(MeetingKind.Retrospective, "<p>{{ 6 * 7 }} {{ 1.5 * 2 }} {{ '-' * 3 }}</p>");

        Assert.True(check.IsValid, check.Error);
        Assert.Equal("<p>42 3 ---</p>", check.PreviewStorageXml);
    }

    [Fact]
    public void A_template_over_64_KB_is_refused_when_saved_and_when_a_stored_one_is_rendered()
    {
        // The review's repro D3: 4.4 MB of assignments passed, and its parse stayed cached (437 MiB).
        var huge = string.Concat(Enumerable.Repeat("{{ x = 1 }}", 400_000));

        var check = Validator.Check(MeetingKind.Retrospective, huge);
        var stored = Assert.Throws<InvalidMeetingException>(() => renderer.Render(SampleMeetings.Retrospective(), ReportPdfRenderer.FileName, huge));

        Assert.False(check.IsValid);
        Assert.Contains("4,400,000 bytes", check.Error, StringComparison.Ordinal);
        Assert.Contains($"at most {TemplateLimits.MaxTemplateBytes:N0} bytes", check.Error, StringComparison.Ordinal);
        Assert.Equal(check.Error, stored.Message);
        Assert.Equal((0, 0L), renderer.CachedTenantTemplates);
    }

    [Fact]
    public void A_stored_template_that_assigns_is_refused_at_render_time_too()
    {
        var e = Assert.Throws<InvalidMeetingException>(() => renderer.Render(SampleMeetings.Retrospective(), ReportPdfRenderer.FileName, Doubling));

        Assert.Contains("assigns a variable", e.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0L), renderer.CachedTenantTemplates);
    }

    [Fact]
    public void Only_templates_that_rendered_are_cached_and_checking_caches_nothing()
    {
        const string good = "<h1>{{ team | html.escape }}</h1>";
        var meeting = SampleMeetings.Retrospective();

        Assert.True(Validator.Check(MeetingKind.Retrospective, good).IsValid);
        Assert.False(Validator.Check(MeetingKind.Retrospective, "<p>{{ teem }}</p>").IsValid);
        Assert.Throws<InvalidMeetingException>(() => renderer.Render(meeting, ReportPdfRenderer.FileName, "<p>{{ teem }}</p>"));
        Assert.Equal(0, renderer.CachedTenantTemplates.Count);

        var first = renderer.Render(meeting, ReportPdfRenderer.FileName, good);
        var second = renderer.Render(meeting, ReportPdfRenderer.FileName, good);

        Assert.Equal("<h1>Platform &amp; Tools</h1>", first.StorageXml);
        Assert.Equal(first, second);
        Assert.Equal((1, (long)good.Length), renderer.CachedTenantTemplates);
    }

    [Fact]
    public void The_cache_is_bounded_by_the_bytes_of_its_templates()
    {
        var meeting = SampleMeetings.Retrospective();
        var padding = new string('x', 60_000);

        for (var i = 0; i < 40; i++)
            renderer.Render(meeting, ReportPdfRenderer.FileName, $"<p>{i}{padding}</p>");

        var (count, bytes) = renderer.CachedTenantTemplates;
        Assert.InRange(bytes, 1, TemplateLimits.MaxCachedTemplateBytes);
        Assert.InRange(count, 1, 39);
        // The most recent one is still there: a cache hit renders without adding.
        renderer.Render(meeting, ReportPdfRenderer.FileName, $"<p>39{padding}</p>");
        Assert.Equal((count, bytes), renderer.CachedTenantTemplates);
    }
}
