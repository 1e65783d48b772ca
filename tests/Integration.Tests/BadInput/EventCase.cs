using TeamRetro.Confluence.Emulator;

namespace TeamRetro.Confluence.Integration.Tests.BadInput;

/// <summary>What a hostile or malformed event must end in. Nothing else is acceptable: no crash, no endless cycling, no silent drop.</summary>
public enum EventOutcome
{
    /// <summary>Odd but valid: a page is published, with the text escaped and intact.</summary>
    Published,
    /// <summary>A Failed publication whose failed step and reason say what is wrong (saga row, Admin Api, ReportPublicationFailed).</summary>
    Failed,
    /// <summary>Unreadable as a MeetingCompleted: moved to <c>report-publication_error</c> with the exception in its headers.</summary>
    ErrorQueue,
    /// <summary>Readable, but not a message type the queue consumes: moved to <c>report-publication_skipped</c>.</summary>
    SkippedQueue,
}

/// <summary>The ids one case runs with: a fresh meeting, the configured tenant and a tenant that has no integration.</summary>
public sealed record EventContext(Guid TenantId, Guid MeetingId, Guid TenantWithoutIntegration);

/// <param name="Name">Readable: it is the theory row's display name.</param>
/// <param name="Body">The AMQP body as the publisher sends it.</param>
/// <param name="Reason">For <see cref="EventOutcome.Failed"/>: a fragment the stored reason contains; for a dead letter: of the fault header.</param>
/// <param name="FailedStep">For <see cref="EventOutcome.Failed"/>: the step that must have failed.</param>
/// <param name="Publication">The publication the case lands on, when it is not (configured tenant, this meeting).</param>
/// <param name="Page">For <see cref="EventOutcome.Published"/>: checks on the page Confluence received.</param>
/// <param name="Twice">For <see cref="EventOutcome.Failed"/>: send it again once failed; the second delivery must fail the same way.</param>
public sealed record EventCase(
    string Name,
    EventOutcome Outcome,
    Func<EventContext, byte[]> Body,
    string ContentType = "application/json",
    string? Reason = null,
    string? FailedStep = null,
    Func<EventContext, Guid>? Publication = null,
    Action<PageSnapshot>? Page = null,
    bool Twice = false)
{
    public override string ToString() => Name;
}
