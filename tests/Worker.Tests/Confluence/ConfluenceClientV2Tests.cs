using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Worker.Tests.Confluence;

/// <summary>Cloud's current profile: v2 spaces and pages through the /wiki gateway path, attachments on v1.</summary>
public sealed class ConfluenceClientV2Tests() : ConfluenceClientFixtureTests(() => ConfluenceClientFixture.StartAsync(
    new EmulatorOptions { Product = EmulatedProduct.Cloud, Users = [new EmulatorUser("ana@example.com", "token")], SpaceKeys = ["TEAM"] },
    emulator => new ConfluenceSite(Guid.NewGuid(), emulator.SiteUrl, new BasicCredentials("ana@example.com", "token"), ConfluenceProduct.Cloud,
        ConfluenceApiProfile.CloudV2)))
{
    [Fact]
    public async Task Spaces_are_listed_through_cursors_to_the_end()
    {
        for (var i = 0; i < 55; i++)
            Emulator.State.AddSpace($"C{i:00}");

        var keys = new List<string>();
        await foreach (var space in Client.ListSpaces(Site, CancellationToken.None))
            keys.Add(space.Key);

        Assert.Equal(56, keys.Distinct().Count());
        Assert.Equal(3, Emulator.Requests.All.Count(r => r.Path == "/wiki/api/v2/spaces"));
    }

    [Fact]
    public async Task Pages_are_created_with_our_marker_found_and_updated_with_v2_and_files_go_to_v1()
    {
        var parent = await Client.CreatePage(Site, new NewPage("TEAM", null, "Retrospectives", "<p>p</p>", "parent"), CancellationToken.None);
        var created = await Client.CreatePage(Site, new NewPage("TEAM", parent.Id, "Report", "<p>one</p>", "sha256:marker"), CancellationToken.None);
        var found = await Client.FindPage(Site, "TEAM", "Report", CancellationToken.None);
        var updated = await Client.UpdatePage(Site, new PageUpdate(created.Id, "Report", "<p>two</p>", found!.Version + 1, "sha256:next"), CancellationToken.None);
        var file = await Client.UploadAttachment(Site, new AttachmentUpload(created.Id, "a.pdf", "application/pdf", [1], "c"), null, CancellationToken.None);

        Assert.Equal(created.Id, found.Id);
        Assert.Equal(parent.Id, found.ParentId);
        Assert.Equal("sha256:marker", found.VersionMessage);
        Assert.Equal(3, updated.Version);
        Assert.Equal("att", file.Id[..3]);
        AllowListAssert.EveryRequestAllowed(Emulator.Requests.All, ConfluenceProduct.Cloud, ConfluenceApiProfile.CloudV2, "/wiki/");
        Assert.Equal(1, Emulator.Requests.All.Count(r => r.Path == "/wiki/api/v2/spaces")); // the space id is looked up once
    }

    [Fact]
    public async Task V2_errors_are_read_from_the_errors_array()
    {
        await Client.CreatePage(Site, new NewPage("TEAM", null, "Taken", "<p>x</p>", "m"), CancellationToken.None);

        var e = await Assert.ThrowsAsync<ConfluenceApiException>(() =>
            Client.CreatePage(Site, new NewPage("TEAM", null, "Taken", "<p>x</p>", "m"), CancellationToken.None));

        Assert.True(e.IsDuplicateTitle);
        Assert.True(e.IsPermanent);
    }
}
