using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Worker.Tests.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>Failures that retrying cannot fix: each fails the publication at its step with a reason, and a replay resumes it.</summary>
public sealed class PublicationFailureTests : PublicationHarnessTests
{
    [Fact]
    public async Task Event_without_tenant_fails_visibly_at_validation()
    {
        var meeting = Meeting() with { TenantId = Guid.Empty };

        var saga = await Harness.Publish(meeting, m => m.Failed);

        Assert.Equal(PublicationSteps.Validate, saga.FailedStep);
        Assert.Contains("tenantId", saga.LastError, StringComparison.Ordinal);
        Assert.True(await Harness.Test.Published.Any<ReportPublicationFailed>(x => x.Context.Message.PublicationId == IdOf(meeting)));
        Assert.Empty(Harness.Emulator.Requests.All);
    }

    [Fact]
    public async Task Unknown_tenant_fails_at_resolve_space_and_replay_succeeds_once_configured()
    {
        var tenant = Guid.NewGuid();
        var meeting = SampleMeetings.Retrospective(tenant, Guid.NewGuid());

        var failed = await Harness.Publish(meeting, m => m.Failed);
        Assert.Equal(PublicationSteps.ResolveSpace, failed.FailedStep);
        Assert.Contains("No Confluence integration", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(1, failed.Attempts); // permanent: no retry storm

        await Harness.ConfigureIntegration(tenant);
        await Harness.Replay(IdOf(meeting));

        var published = await Harness.WaitForState(IdOf(meeting), m => m.Published);
        Assert.Equal(1, published.ReplayCount);
        Assert.Null(published.LastError);
    }

    [Fact]
    public async Task Missing_space_fails_with_a_reason_naming_the_space()
    {
        await Harness.ConfigureIntegration(Harness.TenantId, i => i.SpaceKey = "NOPE");
        var meeting = Meeting();

        var saga = await Harness.Publish(meeting, m => m.Failed);

        Assert.Equal(PublicationSteps.ResolveSpace, saga.FailedStep);
        Assert.Contains("'NOPE'", saga.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_fails_permanently_without_leaking_it()
    {
        await Harness.ConfigureIntegration(Harness.TenantId, i => i.EncryptedSecret = Harness.Services.GetRequiredService<SecretProtector>().Protect("wrong-password"));
        var meeting = Meeting();

        var saga = await Harness.Publish(meeting, m => m.Failed);

        Assert.Contains("401", saga.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", saga.LastError, StringComparison.Ordinal);
        Assert.Single(Harness.Emulator.Requests.All); // no retries of a permanent failure
    }

    [Fact]
    public async Task Parent_page_that_cannot_be_created_fails_at_that_step()
    {
        Harness.Emulator.Faults.Enqueue(HttpMethod.Post, "rest/api/content", 403, times: 100);
        var meeting = Meeting();

        var saga = await Harness.Publish(meeting, m => m.Failed);

        Assert.Equal(PublicationSteps.EnsureParentPage, saga.FailedStep);
        Assert.Contains("403", saga.LastError, StringComparison.Ordinal);
        Assert.Empty(Harness.Emulator.State.Pages);
    }

    [Fact]
    public async Task Oversized_meeting_fails_at_the_page_step_with_the_reason_and_no_retries()
    {
        var cards = Enumerable.Range(0, 5_001).Select(i => new RetroCard { Text = "card " + i }).ToList();
        var meeting = Meeting() with { Columns = [new RetroColumn { Name = "Too many", Cards = cards }] };

        var saga = await Harness.Publish(meeting, m => m.Failed);

        Assert.Equal(PublicationSteps.PublishReportPage, saga.FailedStep);
        Assert.Contains("5,001 cards", saga.LastError, StringComparison.Ordinal);
        Assert.Single(Harness.Emulator.State.Pages); // only the parent
    }

    [Fact]
    public async Task Pdf_failure_marks_the_page_incomplete_and_replay_restores_the_clean_report()
    {
        Harness.Emulator.Faults.Enqueue(HttpMethod.Post, "child/attachment", 403, times: 100);
        var meeting = Meeting();

        var failed = await Harness.Publish(meeting, m => m.Failed);
        Assert.Equal(PublicationSteps.UploadReportPdf, failed.FailedStep);
        var marked = Harness.Emulator.State.Pages.Single(p => p.Id == failed.PageId);
        Assert.Contains("The PDF summary is missing", marked.Body, StringComparison.Ordinal);
        Assert.Empty(Harness.Emulator.State.AttachmentsOf(marked.Id));

        Harness.Emulator.Faults.Clear();
        await Harness.Replay(IdOf(meeting));
        var published = await Harness.WaitForState(IdOf(meeting), m => m.Published);

        var clean = Harness.Emulator.State.Pages.Single(p => p.Id == published.PageId);
        Assert.Equal(failed.PageId, published.PageId);
        Assert.DoesNotContain("The PDF summary is missing", clean.Body, StringComparison.Ordinal);
        Assert.Single(Harness.Emulator.State.AttachmentsOf(clean.Id));
        Assert.Single(Harness.Emulator.State.Pages, p => p.ParentId == published.ParentPageId);
    }

    [Fact]
    public async Task Replay_of_a_published_publication_changes_nothing()
    {
        var meeting = Meeting();
        var published = await Harness.Publish(meeting, m => m.Published);
        var requests = Harness.Emulator.Requests.All.Count;

        await Harness.Replay(IdOf(meeting));
        Assert.True(await Harness.Test.Consumed.Any<ReplayPublication>(x => x.Context.Message.PublicationId == IdOf(meeting)));

        var after = await Harness.Find(IdOf(meeting));
        Assert.True(Harness.IsIn(after!, m => m.Published), after!.CurrentState);
        Assert.Equal(published.Version, after.Version);
        Assert.Equal(requests, Harness.Emulator.Requests.All.Count);
    }
}
