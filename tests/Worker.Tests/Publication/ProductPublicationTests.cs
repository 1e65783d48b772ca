using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Tests.Shared;
using static TeamRetro.Confluence.Worker.Tests.Publication.PublicationHarness;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>
/// The whole publication on each product as it really behaves: Data Center (no attachment PUT, no v2, a context path)
/// and Cloud (the /wiki site, API tokens on v1, v2 pages). Each harness plays one product.
/// </summary>
public sealed class ProductPublicationTests
{
    static Task<PublicationHarness> DataCenter(string contextPath = "") =>
        PublicationHarness.StartAsync(emulator: new EmulatorOptions { Product = EmulatedProduct.DataCenter, ContextPath = contextPath });

    static Task<PublicationHarness> Cloud() => PublicationHarness.StartAsync(emulator: new EmulatorOptions { Product = EmulatedProduct.Cloud });

    [Fact]
    public async Task Data_center_publishes_and_republishes_a_version_of_the_one_pdf_without_the_put_it_refuses()
    {
        await using var h = await DataCenter("/confluence");
        var meeting = h.Meeting();
        var first = await h.Publish(meeting, m => m.Published);
        await h.Publish(meeting with { Facilitator = "Someone else" });
        var second = await h.WaitForState(IdOf(meeting), m => m.Published, p => p.PageVersion == first.PageVersion + 1, "republished");

        var pdf = Assert.Single(h.Emulator.State.AttachmentsOf(first.PageId!));
        Assert.Equal((first.AttachmentId, 2), (pdf.Id, pdf.VersionCount));
        Assert.Equal(first.AttachmentId, second.AttachmentId);
        Assert.DoesNotContain(h.Emulator.Requests.All, r => r.Method == "PUT" && r.Path.EndsWith("/child/attachment", StringComparison.Ordinal));
        Assert.Single(h.Emulator.Requests.All, r => r.Path.EndsWith($"/child/attachment/{pdf.Id}/data", StringComparison.Ordinal));
        AllowListAssert.EveryRequestAllowed(h.Emulator.Requests.All, ConfluenceProduct.DataCenter, ConfluenceApiProfile.V1, "/confluence/");
    }

    [Fact]
    public async Task Data_center_publication_that_failed_on_the_old_attachment_put_heals_on_replay()
    {
        await using var h = await DataCenter();
        // What the old client met on Data Center: 405 for the upload, so the page was marked incomplete and the publication failed.
        h.Emulator.Faults.Enqueue(HttpMethod.Post, "/child/attachment", 405, times: 1);
        var meeting = h.Meeting();
        var failed = await h.Publish(meeting, m => m.Failed);
        Assert.Contains("The PDF summary is missing", h.Emulator.State.Pages.Single(p => p.Id == failed.PageId).Body, StringComparison.Ordinal);

        await h.Replay(IdOf(meeting));
        var published = await h.WaitForState(IdOf(meeting), m => m.Published);

        Assert.Equal(failed.PageId, published.PageId);
        Assert.Single(h.Emulator.State.Pages, p => p.ParentId == published.ParentPageId);
        Assert.DoesNotContain("The PDF summary is missing", h.Emulator.State.Pages.Single(p => p.Id == published.PageId).Body, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(h.Emulator.State.AttachmentsOf(published.PageId!)).VersionCount);
    }

    [Fact]
    public async Task Data_center_personal_access_token_is_sent_as_bearer()
    {
        await using var h = await DataCenter();
        h.Emulator.State.AddUser(new EmulatorUser("pat-user", "unused-password", PersonalAccessToken: "pat-0123456789"));
        await h.UsePersonalAccessToken("pat-0123456789");
        var meeting = h.Meeting();

        await h.Publish(meeting, m => m.Published);

        Assert.All(h.Emulator.Requests.All, r => Assert.Equal("pat-user", r.User));
    }

    [Fact]
    public async Task Data_center_with_the_v2_profile_fails_at_once_saying_it_has_no_v2()
    {
        await using var h = await DataCenter();
        await h.UseApiProfile(ConfluenceApiProfile.CloudV2);
        var meeting = h.Meeting();

        var failed = await h.Publish(meeting, m => m.Failed);

        Assert.Contains("Data Center has no v2 API", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(h.Emulator.Requests.All);
    }

    [Fact]
    public async Task Cloud_site_with_an_api_token_publishes_through_the_wiki_path()
    {
        await using var h = await Cloud();
        var meeting = h.Meeting();
        var first = await h.Publish(meeting, m => m.Published);
        await h.Publish(meeting with { Facilitator = "Someone else" });
        await h.WaitForState(IdOf(meeting), m => m.Published, p => p.PageVersion == first.PageVersion + 1, "republished");

        Assert.Equal(2, Assert.Single(h.Emulator.State.AttachmentsOf(first.PageId!)).VersionCount);
        Assert.All(h.Emulator.Requests.All, r => Assert.Equal(PublicationHarness.User, r.User));
        AllowListAssert.EveryRequestAllowed(h.Emulator.Requests.All, ConfluenceProduct.Cloud, ConfluenceApiProfile.V1, "/wiki/");
    }

    [Fact]
    public async Task Cloud_current_profile_publishes_with_v2_pages_and_republishes_the_same_page()
    {
        await using var h = await Cloud();
        await h.UseApiProfile(ConfluenceApiProfile.CloudV2);
        var meeting = h.Meeting();
        var first = await h.Publish(meeting, m => m.Published);
        await h.Publish(meeting with { Facilitator = "Someone else" });
        var second = await h.WaitForState(IdOf(meeting), m => m.Published, p => p.PageVersion == first.PageVersion + 1, "republished");

        Assert.Equal(first.PageId, second.PageId);
        Assert.Single(h.Emulator.State.Pages, p => p.ParentId == first.ParentPageId);
        Assert.Equal(2, Assert.Single(h.Emulator.State.AttachmentsOf(first.PageId!)).VersionCount);
        AllowListAssert.EveryRequestAllowed(h.Emulator.Requests.All, ConfluenceProduct.Cloud, ConfluenceApiProfile.CloudV2, "/wiki/");
    }
}
