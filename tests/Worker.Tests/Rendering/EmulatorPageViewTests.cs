using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

/// <summary>The emulator's page view shows Confluence's macros roughly as Confluence does, so docs/images shows what users see.</summary>
public sealed class EmulatorPageViewTests
{
    static async Task<string> View(MeetingCompleted meeting)
    {
        var page = new ReportPageRenderer().Render(meeting, ReportPdfRenderer.FileName);
        await using var emulator = await ConfluenceEmulator.StartAsync();
        var stored = emulator.State.AddPage("TEAM", page.Title, page.StorageXml);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        return await http.GetStringAsync($"view/pages/{stored.Id}");
    }

    [Fact]
    public async Task Status_macros_are_coloured_lozenges_and_the_pdf_is_previewed()
    {
        var html = await View(MultilingualMeetings.HealthCheck());

        Assert.Contains("<span class=\"status status-red\">1.8</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status status-green\">2 improved ↑</span>", html, StringComparison.Ordinal);
        Assert.Contains("<object class=\"preview\" data=\"/download/attachments/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ac:structured-macro", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_list_is_a_list_of_checkboxes_ticked_when_done()
    {
        var meeting = MultilingualMeetings.Retrospective() with
        {
            ActionItems = [new ActionItem { Text = "Open <one>" }, new ActionItem { Text = "Done one", Done = true }],
        };

        var html = await View(meeting);

        Assert.Contains("<li><input type=\"checkbox\" disabled=\"disabled\" /> Open &lt;one&gt;</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li><input type=\"checkbox\" disabled=\"disabled\" checked=\"checked\" /> Done one</li>", html, StringComparison.Ordinal);
    }
}
