using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>A tenant's template and title pattern shape the published page.</summary>
public sealed class TenantTemplatePublicationTests : PublicationHarnessTests
{
    [Fact]
    public async Task Tenant_template_shapes_the_published_page()
    {
        await Harness.ConfigureIntegration(Harness.TenantId, i => i.RetrospectiveTemplate = "<h1>Our retro: {{ team | html.escape }}</h1>{{ include 'pdf' }}");
        var meeting = Meeting();

        var saga = await Harness.Publish(meeting, m => m.Published);

        var body = Harness.Emulator.State.Pages.Single(p => p.Id == saga.PageId).Body;
        Assert.StartsWith("<h1>Our retro: Platform &amp; Tools</h1>", body, StringComparison.Ordinal);
        Assert.Contains("ri:filename=\"meeting-summary.pdf\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_title_pattern_names_the_page_and_same_titled_meetings_do_not_collide()
    {
        await Harness.ConfigureIntegration(Harness.TenantId, i => i.TitlePattern = "{team} {kind} {date}");
        var first = Meeting();
        var second = Meeting(); // same team and day: the same title from the pattern
        var one = await Harness.Publish(first, m => m.Published);
        var two = await Harness.Publish(second, m => m.Published);

        Assert.Equal("Platform & Tools Retrospective 2026-11-27", one.PageTitle);
        Assert.Equal($"Platform & Tools Retrospective 2026-11-27 ({second.MeetingId.ToString("N")[..8]})", two.PageTitle);
        Assert.NotEqual(one.PageId, two.PageId);
    }

    [Fact]
    public async Task A_republished_meeting_renamed_to_another_meetings_title_takes_the_disambiguated_title()
    {
        var taken = Meeting() with { Title = "Sprint 42" };
        var renamed = Meeting() with { Title = "Sprint 41" }; // the same team and day
        var first = await Harness.Publish(taken, m => m.Published);
        var before = await Harness.Publish(renamed, m => m.Published);

        var retitled = renamed with { Title = "Sprint 42" };
        await Harness.Publish(retitled);
        var after = await Harness.WaitForState(IdOf(renamed), m => m.Published, p => p.PageVersion == before.PageVersion + 1, "republished");

        Assert.Equal(before.PageId, after.PageId);
        Assert.Equal(ReportTitle.Disambiguated(retitled), after.PageTitle);
        Assert.Equal(ReportTitle.Disambiguated(retitled), Harness.Emulator.State.Pages.Single(p => p.Id == after.PageId).Title);
        Assert.Equal(first.PageTitle, Harness.Emulator.State.Pages.Single(p => p.Id == first.PageId).Title); // the other meeting's page is untouched
    }
}
