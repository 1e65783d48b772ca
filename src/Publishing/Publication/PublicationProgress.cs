using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>The bookkeeping the state machine does on its instance, kept out of the machine so it reads like the flow.</summary>
public static class PublicationProgress
{
    /// <summary>Takes a meeting as the one to publish (first delivery, republish, or a newer version after a failure).</summary>
    public static void Accept(this ReportPublication saga, MeetingCompleted meeting, DateTimeOffset now)
    {
        var json = MeetingJson.Serialize(meeting);
        saga.TenantId = meeting.TenantId;
        saga.MeetingId = meeting.MeetingId;
        saga.MeetingKind = meeting.Kind;
        saga.MeetingTitle = StoredText.Fit(meeting.Title, StoredText.NameLength);
        saga.MeetingJson = json;
        saga.MeetingSha256 = MeetingJson.Sha256(json);
        saga.PendingMeetingJson = null;
        saga.PurgedAt = null; // a new snapshot (a changed meeting after retention purged the old one)
        saga.FailedStep = null;
        saga.LastError = null;
        if (saga.CreatedAt == default)
            saga.CreatedAt = now;
        saga.UpdatedAt = now;
        saga.Record(now, HistoryVerbs.Accepted, null, $"Meeting version {saga.MeetingSha256[..12]}");
    }

    /// <summary>A different version of the meeting arrived mid-flight: keep it and publish it once this run ends.</summary>
    public static void QueueIfChanged(this ReportPublication saga, MeetingCompleted meeting, DateTimeOffset now)
    {
        var json = MeetingJson.Serialize(meeting);
        var hash = MeetingJson.Sha256(json);
        if (hash == saga.MeetingSha256)
            return; // a redelivery of what is being published: nothing to do
        if (ValidationProblem(meeting) is { } problem)
        {
            // The run in flight goes on with the valid version; the refusal stays visible in the history.
            saga.UpdatedAt = now;
            saga.Record(now, HistoryVerbs.UpdateRejected, saga.CurrentStep, problem);
            return;
        }

        saga.PendingMeetingJson = json;
        saga.UpdatedAt = now;
        saga.Record(now, HistoryVerbs.NewerVersionQueued, saga.CurrentStep, "Published once the current run ends");
    }

    /// <summary>Moves the pending meeting (if any) into place; true when there was one.</summary>
    public static bool TakePending(this ReportPublication saga, DateTimeOffset now)
    {
        if (saga.PendingMeetingJson is null)
            return false;
        saga.Accept(MeetingJson.Deserialize(saga.PendingMeetingJson), now);
        return true;
    }

    public static void Begin(this ReportPublication saga, string step, DateTimeOffset now)
    {
        saga.EndStep("succeeded", now); // the step before it (a relocation ends the page step this way too)
        saga.EndWait();
        saga.CurrentStep = step;
        saga.Attempts++;
        saga.StepStartedAt = now;
        saga.UpdatedAt = now;
        saga.Record(now, HistoryVerbs.Started, step);
    }

    /// <summary>The current step's command is sent again by the sweeper: a new attempt, same step.</summary>
    public static void Redriven(this ReportPublication saga, DateTimeOffset now)
    {
        saga.Attempts++;
        saga.StepStartedAt = now;
        saga.UpdatedAt = now;
        saga.Record(now, HistoryVerbs.Redriven, saga.CurrentStep, "Its command was sent again after the step stalled");
    }

    /// <summary>
    /// Confluence could not take the step now: the publication waits until the schedule's next slot or the time Confluence
    /// (or the site's shared pause) gave, whichever is later, within the budget counted from the step's first wait.
    /// </summary>
    /// <returns>False when the budget is spent: the step is failed here, with the attempts in the history.</returns>
    public static bool Wait(this ReportPublication saga, StepDeferred deferred, WaitingOptions options, DateTimeOffset now)
    {
        saga.EndStep("waiting", now);
        var since = saga.WaitingSince ??= now;
        var deadline = since + options.Scaled(options.Budget);
        var reason = StoredText.Fit(deferred.Reason, StoredText.ErrorLength / 2);
        // Held by the site's shared pause, no call was made: the attempt count (and with it the publication's own
        // schedule) counts only the calls Confluence refused; the pause backs off by itself and its end wakes this one.
        if (!deferred.SitePaused)
            saga.WaitAttempts++;
        if (now >= deadline)
        {
            var spent = $"{reason} Confluence could not take this step from {since:yyyy-MM-dd HH:mm:ss} UTC on, "
                + $"{saga.WaitAttempts} attempts over the waiting budget ({options.Budget}).";
            if (deferred.Step == PublicationSteps.MarkReportIncomplete)
            {
                // The compensation of a failed PDF: the publication stays failed at the PDF, as when the mark faults.
                saga.EndWait();
                saga.AppendError($" The page could not be marked as incomplete either: {spent}");
                saga.Record(now, HistoryVerbs.Failed, deferred.Step, spent);
            }
            else
            {
                saga.Fail(deferred.Step, spent, now);
            }
            return false;
        }

        var next = deferred is { SitePaused: true, NotBefore: { } pauseEnd } ? pauseEnd : now + options.Delay(Math.Max(1, saga.WaitAttempts));
        if (deferred.NotBefore > next)
            next = deferred.NotBefore.Value;
        if (next > deadline)
            next = deadline; // one last attempt when the budget ends
        saga.CurrentStep = deferred.Step;
        saga.NextAttemptAt = next;
        saga.WaitReason = reason;
        saga.WaitingOnSite = deferred.SiteKey;
        saga.UpdatedAt = now;
        saga.Record(now, HistoryVerbs.Waiting, deferred.Step, $"Attempt {saga.WaitAttempts}: {reason} Next attempt at {next:yyyy-MM-dd HH:mm:ss} UTC.");
        return true;
    }

    /// <summary>The waiting step runs again: due, its site answered again, or an admin asked to retry now.</summary>
    public static void ResumeWaiting(this ReportPublication saga, string why, DateTimeOffset now)
    {
        saga.NextAttemptAt = null;
        saga.Attempts++;
        saga.StepStartedAt = now;
        saga.UpdatedAt = now;
        saga.Record(now, HistoryVerbs.Resumed, saga.CurrentStep, why);
    }

    /// <summary>The step no longer waits (it moved on, failed, or the publication settled).</summary>
    static void EndWait(this ReportPublication saga)
    {
        saga.NextAttemptAt = null;
        saga.WaitingSince = null;
        saga.WaitAttempts = 0;
        saga.WaitReason = null;
        saga.WaitingOnSite = null;
    }

    public static void Fail(this ReportPublication saga, string step, string reason, DateTimeOffset now)
    {
        saga.EndStep("failed", now);
        saga.EndWait();
        saga.FailedStep = step;
        saga.CurrentStep = step;
        saga.LastError = StoredText.Fit(reason, StoredText.ErrorLength);
        saga.UpdatedAt = now;
        saga.Record(now, HistoryVerbs.Failed, step, saga.LastError);
    }

    public static void Resume(this ReportPublication saga, DateTimeOffset now)
    {
        saga.ReplayCount++;
        saga.Record(now, HistoryVerbs.Replayed, saga.FailedStep);
        saga.FailedStep = null;
        saga.UpdatedAt = now;
    }

    public static void Cancel(this ReportPublication saga, string cancelledBy, DateTimeOffset now)
    {
        saga.Record(now, HistoryVerbs.Cancelled, saga.CurrentStep, $"Cancelled by {StoredText.Fit(cancelledBy, 200)}");
        saga.StepStartedAt = null;
        saga.EndWait();
        saga.PendingMeetingJson = null;
        saga.UpdatedAt = now;
    }

    /// <summary>True when the event is a version of the meeting this publication has not published yet.</summary>
    public static bool IsNewVersion(this ReportPublication saga, MeetingCompleted meeting) =>
        MeetingJson.Sha256(MeetingJson.Serialize(meeting)) != saga.MeetingSha256;

    public static void MarkPublished(this ReportPublication saga, DateTimeOffset now)
    {
        saga.EndStep("succeeded", now);
        saga.EndWait();
        saga.CurrentStep = null;
        saga.FailedStep = null;
        saga.LastError = null;
        saga.PublishedAt = now;
        saga.UpdatedAt = now;
        saga.Record(now, HistoryVerbs.Published, null);
    }

    /// <summary>The running step's duration goes to the metrics; <see cref="ReportPublication.StepStartedAt"/> is set only while a step runs.</summary>
    static void EndStep(this ReportPublication saga, string outcome, DateTimeOffset now)
    {
        if (saga is { CurrentStep: { } step, StepStartedAt: { } started })
            Telemetry.PublicationTelemetry.StepEnded(step, outcome, now - started);
        saga.StepStartedAt = null;
    }

    /// <summary>Adds to the recorded error, still within the column's length.</summary>
    public static void AppendError(this ReportPublication saga, string more) =>
        saga.LastError = StoredText.Fit(saga.LastError + more, StoredText.ErrorLength);

    public static string FaultReason<T>(this MassTransit.Fault<T> fault) where T : class =>
        fault.Exceptions.Length > 0 ? fault.Exceptions[0].Message : "The step failed without an error message.";

    /// <summary>The page step failed because its parent or space is gone, and the publication has not already relocated three times.</summary>
    public static bool MayRelocate(ReportPublication saga, MassTransit.Fault<PublishReportPage> fault) =>
        fault.Exceptions.Length > 0
        && fault.Exceptions[0].ExceptionType == typeof(Confluence.ReportLocationGoneException).FullName
        && PublicationHistory.Read(saga.History).Count(e => e.What == HistoryVerbs.Relocating) < 3;

    public static MeetingCompleted Meeting(this ReportPublication saga) => MeetingJson.Deserialize(saga.MeetingJson);

    /// <summary>Why an event cannot be published at all; null when it can. Deeper checks happen when rendering.</summary>
    public static string? ValidationProblem(MeetingCompleted meeting) =>
        meeting.TenantId == Guid.Empty ? "The MeetingCompleted event has no tenantId."
        : meeting.MeetingId == Guid.Empty ? "The MeetingCompleted event has no meetingId."
        : !Enum.IsDefined(meeting.Kind) ? $"The meeting kind '{(int)meeting.Kind}' is not known."
        : NullList(meeting) is { } field ? $"The MeetingCompleted event has null for a list or an entry of '{field}'; send [] or leave it out."
        : null;

    /// <summary>JSON null where a list or a list entry belongs: the records say they never hold one, but JSON can send it.</summary>
    static string? NullList(MeetingCompleted m) =>
        m.Participants is null ? "participants"
        : m.Columns is null || m.Columns.Any(c => c is null || c.Cards is null || c.Cards.Any(card => card is null)) ? "columns"
        : m.ActionItems is null || m.ActionItems.Any(a => a is null) ? "actionItems"
        : m.Dimensions is null || m.Dimensions.Any(d => d is null || d.Comments is null) ? "dimensions"
        : null;
}
