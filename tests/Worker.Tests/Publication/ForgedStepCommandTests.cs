using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MassTransit;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Tests.Shared;
using TeamRetro.Confluence.Worker.Tests.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>
/// Bounded trust in the bus (F6): a step command sent by someone other than the saga, naming a page a person wrote,
/// never writes to that page. The steps take every location from the saga row; a command for a publication that does
/// not exist faults, one for a publication not at that step is ignored, and one for a publication at that step does
/// exactly what the saga would have asked.
/// </summary>
public sealed class ForgedStepCommandTests : IAsyncLifetime
{
    const string HumanBody = "<p>A human wrote this.</p>";
    PublicationHarness h = null!;

    public async Task InitializeAsync() => h = await PublicationHarness.StartAsync();

    public async Task DisposeAsync() => await h.DisposeAsync();

    [Fact]
    public async Task Forged_mark_incomplete_leaves_a_page_that_is_not_ours_untouched()
    {
        var (meeting, published, human) = await PublishedAndHumanPage();
        var forged = new MarkReportIncomplete(published.CorrelationId, h.TenantId, human.SpaceKey, human.Id, human.Title, "Forged", meeting);

        await SendAndWait(PublicationSteps.Queues.MarkReportIncomplete, forged);                                     // Published: ignored
        await SendAndWait(PublicationSteps.Queues.MarkReportIncomplete, forged with { PublicationId = Guid.NewGuid() }, faults: true);
        await SendAndWait(PublicationSteps.Queues.MarkReportIncomplete, forged with { TenantId = Guid.NewGuid() }); // no fault: it would fail the real one

        // At the step for real: the notice goes on our page, whatever the command names.
        await h.ChangePublication(published.CorrelationId, s =>
        {
            s.CurrentState = h.Machine.MarkingIncomplete.Name;
            s.CurrentStep = s.FailedStep = PublicationSteps.UploadReportPdf;
            s.LastError = "The PDF could not be uploaded.";
        });
        await SendAndWait(PublicationSteps.Queues.MarkReportIncomplete, forged);
        var failed = await h.WaitForState(published.CorrelationId, m => m.Failed);

        AssertUntouched(human);
        var ours = h.Emulator.State.Pages.Single(p => p.Id == failed.PageId);
        Assert.Contains("The PDF summary is missing", ours.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Forged", ours.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mark_incomplete_refuses_our_page_once_a_person_has_edited_it()
    {
        var (meeting, published, _) = await PublishedAndHumanPage();
        var ours = h.Emulator.State.Pages.Single(p => p.Id == published.PageId);
        await h.ChangePublication(published.CorrelationId, s =>
        {
            s.CurrentState = h.Machine.MarkingIncomplete.Name;
            s.CurrentStep = s.FailedStep = PublicationSteps.UploadReportPdf;
            s.LastError = "The PDF could not be uploaded.";
        });
        await EditAsAPerson(ours);

        await SendAndWait(PublicationSteps.Queues.MarkReportIncomplete,
            new MarkReportIncomplete(published.CorrelationId, h.TenantId, ours.SpaceKey, ours.Id, ours.Title, "The PDF could not be uploaded.", meeting),
            faults: true);

        var edited = h.Emulator.State.Pages.Single(p => p.Id == ours.Id);
        Assert.Equal("<p>A person's edit.</p>", edited.Body);
    }

    [Fact]
    public async Task Forged_pdf_upload_attaches_nothing_to_a_page_that_is_not_ours()
    {
        var (meeting, published, human) = await PublishedAndHumanPage();
        var forged = new UploadReportPdf(published.CorrelationId, h.TenantId, human.Id, null, null, meeting);

        await SendAndWait(PublicationSteps.Queues.UploadReportPdf, forged);
        await SendAndWait(PublicationSteps.Queues.UploadReportPdf, forged with { PublicationId = Guid.NewGuid() }, faults: true);

        await h.ChangePublication(published.CorrelationId, s =>
        {
            s.CurrentState = h.Machine.UploadingPdf.Name;
            s.CurrentStep = PublicationSteps.UploadReportPdf;
            s.PdfSha256 = null; // so the PDF is really uploaded again
        });
        await SendAndWait(PublicationSteps.Queues.UploadReportPdf, forged);
        var republished = await h.WaitForState(published.CorrelationId, m => m.Published);

        AssertUntouched(human);
        var pdf = Assert.Single(h.Emulator.State.AttachmentsOf(republished.PageId!));
        Assert.Equal(2, pdf.Version);
    }

    [Fact]
    public async Task Forged_page_publication_leaves_a_page_that_is_not_ours_untouched()
    {
        var (meeting, published, human) = await PublishedAndHumanPage();
        var forged = new PublishReportPage(published.CorrelationId, h.TenantId, human.SpaceKey, human.ParentId ?? "0", human.Id, human.Title,
            meeting with { Title = "Forged" });

        await SendAndWait(PublicationSteps.Queues.PublishReportPage, forged);
        await SendAndWait(PublicationSteps.Queues.PublishReportPage, forged with { PublicationId = Guid.NewGuid() }, faults: true);

        await h.ChangePublication(published.CorrelationId, s =>
        {
            s.CurrentState = h.Machine.PublishingPage.Name;
            s.CurrentStep = PublicationSteps.PublishReportPage;
        });
        await SendAndWait(PublicationSteps.Queues.PublishReportPage, forged);
        var republished = await h.WaitForState(published.CorrelationId, m => m.Published);

        AssertUntouched(human);
        Assert.Equal(published.PageId, republished.PageId);
        Assert.Equal(published.PageTitle, republished.PageTitle);
        Assert.DoesNotContain(h.Emulator.State.Pages, p => p.Title.Contains("Forged", StringComparison.Ordinal));
    }

    async Task<(MeetingCompleted Meeting, ReportPublication Published, PageSnapshot Human)> PublishedAndHumanPage()
    {
        var meeting = SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid());
        var published = await h.Publish(meeting, m => m.Published);
        var human = h.Emulator.State.AddPage(PublicationHarness.SpaceKey, "Team handbook", HumanBody);
        return (meeting, published, human);
    }

    async Task SendAndWait<T>(Uri queue, T command, bool faults = false) where T : class
    {
        var before = h.Test.Consumed.Select<T>().Count();
        var endpoint = await h.Bus.GetSendEndpoint(queue);
        await endpoint.Send(command);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (h.Test.Consumed.Select<T>().Count() == before && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.True(h.Test.Consumed.Select<T>().Count() > before, $"the {typeof(T).Name} was not consumed");
        if (faults)
            Assert.True(await h.Test.Published.Any<Fault<T>>(f => Same(f.Context.Message.Message, command)), $"the {typeof(T).Name} did not fault");
        else
            Assert.DoesNotContain(h.Test.Published.Select<Fault<T>>(), f => Same(f.Context.Message.Message, command));
    }

    static bool Same<T>(T a, T b) => JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);

    async Task EditAsAPerson(PageSnapshot page)
    {
        using var http = new HttpClient();
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PublicationHarness.User}:{PublicationHarness.Password}"));
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", auth);
        var body = JsonSerializer.Serialize(new
        {
            id = page.Id, type = "page", title = page.Title,
            version = new { number = page.Version + 1, message = "fixed a typo" },
            body = new { storage = new { value = "<p>A person's edit.</p>", representation = "storage" } },
        });
        var answer = await http.PutAsync(new Uri(h.Emulator.SiteUrl, $"rest/api/content/{page.Id}"),
            new StringContent(body, Encoding.UTF8, "application/json"));
        answer.EnsureSuccessStatusCode();
    }

    void AssertUntouched(PageSnapshot human)
    {
        var now = h.Emulator.State.Pages.Single(p => p.Id == human.Id);
        Assert.Equal(1, now.Version);
        Assert.Equal(HumanBody, now.Body);
        Assert.Equal(human.Title, now.Title);
        Assert.Empty(h.Emulator.State.AttachmentsOf(human.Id));
    }
}
