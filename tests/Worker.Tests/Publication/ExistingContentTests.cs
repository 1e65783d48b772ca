using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>What the space already holds, or loses, while we publish: pages of people, deleted parents, lost answers, stale versions.</summary>
public sealed class ExistingContentTests : PublicationHarnessTests
{
    [Fact]
    public async Task Lost_answer_to_a_page_create_does_not_duplicate_the_page()
    {
        // A first meeting creates the parent, so the injected failure hits the report page's create.
        var first = Meeting();
        await Harness.Publish(first, m => m.Published);
        var meeting = Meeting();
        Harness.Emulator.Faults.FailAfterWork(HttpMethod.Post, "rest/api/content", 500, times: 1);

        var saga = await Harness.Publish(meeting, m => m.Published);

        Assert.Single(Harness.Emulator.State.Pages, p => p.Title == saga.PageTitle);
        Assert.Equal(3, Harness.Emulator.State.Pages.Count); // parent + two reports
        Assert.True(Harness.Emulator.Requests.All.Count(r => r.Method == "POST" && r.Path.EndsWith("rest/api/content", StringComparison.Ordinal)) >= 3);
    }

    [Fact]
    public async Task Page_titled_like_ours_but_not_ours_is_left_alone()
    {
        var meeting = Meeting();
        var title = ReportPageRenderer.TitleFor(meeting);
        Harness.Emulator.State.AddPage(PublicationHarness.SpaceKey, title, "<p>A human wrote this.</p>");

        var saga = await Harness.Publish(meeting, m => m.Published);

        Assert.NotEqual(title, saga.PageTitle);
        Assert.StartsWith(title, saga.PageTitle, StringComparison.Ordinal);
        var human = Assert.Single(Harness.Emulator.State.Pages, p => p.Title == title);
        Assert.Equal(1, human.Version);
        Assert.Equal("<p>A human wrote this.</p>", human.Body);
    }

    [Fact]
    public async Task A_parent_page_that_differs_only_in_case_is_reused_not_collided_with()
    {
        var existing = Harness.Emulator.State.AddPage(PublicationHarness.SpaceKey, "RETROSPECTIVES", "<p>made by a person</p>");
        var meeting = Meeting();

        var saga = await Harness.Publish(meeting, m => m.Published);

        Assert.Equal(existing.Id, saga.ParentPageId);
        Assert.Equal(2, Harness.Emulator.State.Pages.Count);
    }

    [Fact]
    public async Task A_deleted_parent_page_is_located_again_and_recreated_once()
    {
        var first = Meeting();
        var published = await Harness.Publish(first, m => m.Published);
        Harness.Emulator.State.DeletePage(published.ParentPageId!); // someone tidied the space up

        var second = Meeting();
        var republished = await Harness.Publish(second, m => m.Published);

        var parent = Assert.Single(Harness.Emulator.State.Pages, p => p.Title == "Retrospectives");
        Assert.Equal(parent.Id, republished.ParentPageId);
        Assert.NotEqual(published.ParentPageId, republished.ParentPageId);
        Assert.Equal(parent.Id, Assert.Single(Harness.Emulator.State.Pages, p => p.Id == republished.PageId).ParentId);
        Assert.Single(PublicationHistory.Read(republished.History), e => e.What == "Relocating");
    }

    [Fact]
    public async Task Stale_version_on_update_is_re_read_and_retried()
    {
        var meeting = Meeting();
        await Harness.Publish(meeting, m => m.Published);
        Harness.Emulator.Faults.Enqueue(HttpMethod.Put, "/rest/api/content/", 409, times: 1,
            body: "Version must be incremented on update. Current version is: 1");

        await Harness.Publish(meeting with { Facilitator = "Someone else" });
        var saga = await Harness.WaitForState(IdOf(meeting), m => m.Published, p => p.PageVersion == 2, "updated once");

        Assert.Equal(2, Harness.Emulator.State.Pages.Single(p => p.Id == saga.PageId).Version);
    }
}
