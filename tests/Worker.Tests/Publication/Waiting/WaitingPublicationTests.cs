using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Tests.Shared;
using TeamRetro.Confluence.Worker.Tests.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Publication.Waiting;

/// <summary>
/// Transient means wait: Confluence down or rate limiting puts a publication in Waiting (durably, in its row), and it
/// publishes by itself once Confluence answers again. Time is compressed by the harness (an hour is 3.6 s), never slept.
/// </summary>
public sealed class WaitingPublicationTests
{
    static Guid IdOf(MeetingCompleted m) => PublicationId.For(m.TenantId, m.MeetingId);

    [Fact]
    public async Task An_outage_makes_the_publication_wait_and_it_publishes_by_itself_once_confluence_answers_again()
    {
        await using var h = await PublicationHarness.StartAsync();
        h.Emulator.Faults.Window(TimeSpan.FromSeconds(2), 503);
        var meeting = SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid());

        await h.Publish(meeting);

        var waiting = await h.WaitForState(IdOf(meeting), m => m.Waiting);
        Assert.Equal(PublicationSteps.ResolveSpace, waiting.CurrentStep);
        Assert.NotNull(waiting.NextAttemptAt);
        Assert.Contains("503", waiting.WaitReason);
        var published = await h.WaitForState(IdOf(meeting), m => m.Published, timeout: TimeSpan.FromMinutes(1));
        var history = PublicationHistory.Read(published.History);
        Assert.Contains(history, e => e.What == HistoryVerbs.Waiting);
        Assert.Contains(history, e => e.What == HistoryVerbs.Resumed);
        Assert.Null(published.NextAttemptAt);
        Assert.Null(published.WaitingSince);
        Assert.Single(h.Emulator.State.Pages, p => p.ParentId is not null);
    }

    [Fact]
    public async Task A_quota_refusal_is_waited_out_for_as_long_as_confluence_says_without_calling_it_meanwhile()
    {
        await using var h = await PublicationHarness.StartAsync();
        // Retry-After of an hour: 3.6 s at the harness's time scale; the refusals themselves stop after two seconds.
        h.Emulator.Faults.Window(TimeSpan.FromSeconds(2), 429, retryAfter: TimeSpan.FromHours(1));
        var meeting = SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid());

        await h.Publish(meeting);

        var waiting = await h.WaitForState(IdOf(meeting), m => m.Waiting);
        var refusedAt = h.Emulator.Requests.All.Where(r => r.Status == 429).Max(r => r.At);
        Assert.True(waiting.NextAttemptAt >= refusedAt + TimeSpan.FromSeconds(3.5), $"next attempt {waiting.NextAttemptAt:O}, refused {refusedAt:O}");
        Assert.Contains("rate limiting", waiting.WaitReason, StringComparison.OrdinalIgnoreCase);
        var published = await h.WaitForState(IdOf(meeting), m => m.Published, timeout: TimeSpan.FromMinutes(1));

        var calls = h.Emulator.Requests.All;
        Assert.Single(calls, r => r.Status == 429); // not retried in the call, not called again before the hour passed
        Assert.DoesNotContain(calls, r => r.At > refusedAt && r.At < refusedAt + TimeSpan.FromSeconds(3.5));
        Assert.NotNull(published.PageId);
    }

    [Fact]
    public async Task Past_the_waiting_budget_the_publication_fails_with_its_attempts_in_the_history()
    {
        await using var h = await PublicationHarness.StartAsync(new Dictionary<string, string?> { ["Publication:Waiting:Budget"] = "00:20:00" }); // 1.2 s
        h.Emulator.Faults.Window(TimeSpan.FromMinutes(5), 503);
        var meeting = SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid());

        await h.Publish(meeting);

        var failed = await h.WaitForState(IdOf(meeting), m => m.Failed, timeout: TimeSpan.FromMinutes(1));
        Assert.Equal(PublicationSteps.ResolveSpace, failed.FailedStep);
        Assert.Contains("attempts over the waiting budget", failed.LastError);
        Assert.True(PublicationHistory.Read(failed.History).Count(e => e.What == HistoryVerbs.Waiting) >= 2);
        Assert.Null(failed.NextAttemptAt);
    }

    [Fact]
    public async Task A_permanent_refusal_still_fails_at_once_without_waiting()
    {
        await using var h = await PublicationHarness.StartAsync();
        h.Emulator.Faults.Enqueue(HttpMethod.Get, "/rest/api/space", 403, times: 100);
        var meeting = SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid());

        await h.Publish(meeting);

        var failed = await h.WaitForState(IdOf(meeting), m => m.Failed);
        Assert.DoesNotContain(PublicationHistory.Read(failed.History), e => e.What == HistoryVerbs.Waiting);
        Assert.Single(h.Emulator.Requests.All, r => r.Status == 403);
    }

    [Fact]
    public async Task One_site_pause_holds_every_publication_so_an_outage_costs_a_few_calls_not_a_few_per_publication()
    {
        await using var h = await PublicationHarness.StartAsync();
        h.Emulator.Faults.Window(TimeSpan.FromSeconds(2), 503);
        var meetings = Enumerable.Range(0, 30).Select(_ => SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid())).ToList();

        await Task.WhenAll(meetings.Select(h.Publish));

        await PublicationStore.WaitForAll(h.Services, meetings.Select(IdOf).ToList(), p => p.CurrentState == PublicationStates.Published,
            PublicationStates.Published, TimeSpan.FromMinutes(2));
        var refused = h.Emulator.Requests.All.Count(r => r.Status == 503);
        // Without a shared pause each publication would be refused at least once; with it, the calls in flight when the
        // site first refused, and one probe per pause.
        Assert.InRange(refused, 1, 20);
        Assert.Equal(30, h.Emulator.State.Pages.Count(p => p.ParentId is not null));
    }

    [Fact]
    public async Task Retry_now_runs_a_waiting_publication_at_once_instead_of_at_its_next_attempt()
    {
        await using var h = await PublicationHarness.StartAsync(new Dictionary<string, string?> { ["Publication:Waiting:TimeScale"] = "1" });
        h.Emulator.Faults.Window(TimeSpan.FromHours(1), 429, retryAfter: TimeSpan.FromHours(1)); // a real hour
        var meeting = SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid());
        await h.Publish(meeting);
        var waiting = await h.WaitForState(IdOf(meeting), m => m.Waiting);
        Assert.True(waiting.NextAttemptAt > DateTimeOffset.UtcNow.AddMinutes(50));
        h.Emulator.Faults.Clear(); // the quota was raised: the admin does not want to wait for the hour

        await using (var scope = h.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<RetryWaitingPublications>().Publication(IdOf(meeting), CancellationToken.None));

        var published = await h.WaitForState(IdOf(meeting), m => m.Published);
        Assert.Contains(PublicationHistory.Read(published.History), e => e.What == HistoryVerbs.Resumed && e.Detail == "Retried now by an admin");
    }
}
