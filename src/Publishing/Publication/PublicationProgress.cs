using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Rendering;

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
        saga.MeetingTitle = Stored(meeting.Title, 255);
        saga.MeetingJson = json;
        saga.MeetingSha256 = MeetingJson.Sha256(json);
        saga.PendingMeetingJson = null;
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

    public static void Fail(this ReportPublication saga, string step, string reason, DateTimeOffset now)
    {
        saga.EndStep("failed", now);
        saga.FailedStep = step;
        saga.CurrentStep = step;
        saga.LastError = Stored(reason, MaxErrorLength);
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
        saga.Record(now, HistoryVerbs.Cancelled, saga.CurrentStep, $"Cancelled by {Stored(cancelledBy, 200)}");
        saga.StepStartedAt = null;
        saga.PendingMeetingJson = null;
        saga.UpdatedAt = now;
    }

    /// <summary>True when the event is a version of the meeting this publication has not published yet.</summary>
    public static bool IsNewVersion(this ReportPublication saga, MeetingCompleted meeting) =>
        MeetingJson.Sha256(MeetingJson.Serialize(meeting)) != saga.MeetingSha256;

    public static void MarkPublished(this ReportPublication saga, DateTimeOffset now)
    {
        saga.EndStep("succeeded", now);
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
        saga.LastError = Stored(saga.LastError + more, MaxErrorLength);

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

    const int MaxErrorLength = 2000;

    /// <summary>
    /// Text as a database column can hold it: PostgreSQL refuses NUL characters and Npgsql lone surrogates, so user text
    /// (a title) and messages that quote it lose the characters XML forbids anyway, and are cut without splitting a pair.
    /// </summary>
    static string Stored(string? value, int max)
    {
        var clean = StorageFormat.Clean(value);
        if (clean.Length <= max)
            return clean;
        return clean[..(char.IsHighSurrogate(clean[max - 1]) ? max - 1 : max)];
    }
}
