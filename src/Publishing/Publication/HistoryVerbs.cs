namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>What a <see cref="PublicationEvent"/> says happened: written by the saga, read by the Api and the saga itself.</summary>
public static class HistoryVerbs
{
    public const string Accepted = nameof(Accepted);
    public const string UpdateRejected = nameof(UpdateRejected);
    public const string NewerVersionQueued = nameof(NewerVersionQueued);
    public const string Started = nameof(Started);
    public const string Redriven = nameof(Redriven);
    public const string Relocating = nameof(Relocating);
    public const string Waiting = nameof(Waiting);
    public const string Resumed = nameof(Resumed);
    public const string Failed = nameof(Failed);
    public const string Replayed = nameof(Replayed);
    public const string ReplayRefused = nameof(ReplayRefused);
    public const string Cancelled = nameof(Cancelled);
    public const string Published = nameof(Published);
}
