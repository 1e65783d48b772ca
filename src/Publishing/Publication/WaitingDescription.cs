namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>What an admin reads about a waiting publication, in the Api and the console alike.</summary>
public sealed record WaitingDescription(DateTimeOffset NextAttemptAt, DateTimeOffset Since, int Attempt, string Step, string Reason)
{
    /// <summary>"Waiting until 14:05 UTC: Confluence is rate limiting this site (…, Retry-After 1800 s), attempt 4."</summary>
    public string Text => $"Waiting until {NextAttemptAt:HH:mm} UTC: {Reason.TrimEnd('.')}, attempt {Attempt}.";

    /// <returns>Null unless the publication is waiting.</returns>
    public static WaitingDescription? Of(ReportPublication p) =>
        p is { CurrentState: PublicationStates.Waiting, NextAttemptAt: { } next, WaitingSince: { } since, CurrentStep: { } step }
            ? new(next, since, p.WaitAttempts, step, p.WaitReason ?? "Confluence could not take the call")
            : null;
}
