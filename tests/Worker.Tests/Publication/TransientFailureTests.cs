using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>Failures that pass: server errors, rate limits, slow answers and dropped connections are retried to one clean result.</summary>
public sealed class TransientFailureTests : PublicationHarnessTests
{
    [Fact]
    public async Task Transient_errors_are_retried_until_published()
    {
        Harness.Emulator.Faults.Enqueue(HttpMethod.Get, "rest/api/space", 500, times: 3);
        Harness.Emulator.Faults.Enqueue(HttpMethod.Post, "child/attachment", 429, times: 2, retryAfter: TimeSpan.Zero);
        var meeting = Meeting();

        var saga = await Harness.Publish(meeting, m => m.Published);

        Assert.Single(Harness.Emulator.State.AttachmentsOf(saga.PageId!));
    }

    [Theory]
    [InlineData("GET", "/rest/api/space", 502, PublicationSteps.ResolveSpace)]
    [InlineData("GET", "/rest/api/content", 500, PublicationSteps.EnsureParentPage)]
    [InlineData("POST", "/rest/api/content", 500, PublicationSteps.PublishReportPage)]
    [InlineData("POST", "/child/attachment", 504, PublicationSteps.UploadReportPdf)]
    public async Task A_transient_failure_in_any_step_is_retried_to_one_clean_result(string method, string path, int status, string step)
    {
        // The parent exists, so the first POST to /content is the report page's create.
        Harness.Emulator.State.AddPage(PublicationHarness.SpaceKey, "Retrospectives", "<p>existing parent</p>");
        Harness.Emulator.Faults.Enqueue(new HttpMethod(method), path, status, times: 3);
        var meeting = Meeting();

        var saga = await Harness.Publish(meeting, m => m.Published);

        // Every injected failure was met by the step under test and retried past.
        Assert.True(Harness.Emulator.Requests.All.Count(r => r.Status == status) == 3, $"{step} did not meet its 3 injected failures");
        Assert.Null(saga.FailedStep);
        Assert.Single(Harness.Emulator.State.Pages, p => p.ParentId == saga.ParentPageId);
        Assert.Single(Harness.Emulator.State.AttachmentsOf(saga.PageId!));
    }

    [Fact]
    public async Task Slow_answers_and_dropped_connections_still_end_in_one_page_and_one_pdf()
    {
        Harness.Emulator.Faults.DropConnection(HttpMethod.Post, "/rest/api/content", times: 2);
        Harness.Emulator.Faults.DropConnection(HttpMethod.Post, "/child/attachment", times: 1);
        Harness.Emulator.Faults.Slow(HttpMethod.Get, "/rest/api/content", TimeSpan.FromMilliseconds(300), times: 3);
        var meeting = Meeting();

        var saga = await Harness.Publish(meeting, m => m.Published);

        Assert.Single(Harness.Emulator.State.Pages, p => p.ParentId == saga.ParentPageId);
        var pdf = Assert.Single(Harness.Emulator.State.AttachmentsOf(saga.PageId!));
        Assert.Equal(1, pdf.VersionCount);
    }
}
