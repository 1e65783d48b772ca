namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>
/// The saga's state names, as stored in <see cref="ReportPublication.CurrentState"/> and shown by the Api. MassTransit
/// names each state after its property on <see cref="ReportPublicationStateMachine"/>; a test holds the two together.
/// </summary>
public static class PublicationStates
{
    public const string ResolvingSpace = nameof(ResolvingSpace);
    public const string EnsuringParentPage = nameof(EnsuringParentPage);
    public const string PublishingPage = nameof(PublishingPage);
    public const string UploadingPdf = nameof(UploadingPdf);
    public const string MarkingIncomplete = nameof(MarkingIncomplete);
    /// <summary>Confluence could not take the step now: it runs again at <see cref="ReportPublication.NextAttemptAt"/>.</summary>
    public const string Waiting = nameof(Waiting);
    public const string Published = nameof(Published);
    public const string Failed = nameof(Failed);
    public const string Cancelled = nameof(Cancelled);

    /// <summary>A step's command is out and a consumer works (or will work) on it.</summary>
    public static readonly IReadOnlyList<string> InStep = [ResolvingSpace, EnsuringParentPage, PublishingPage, UploadingPdf, MarkingIncomplete];

    /// <summary>Nothing more happens without a new event, a replay or a cancel.</summary>
    public static readonly IReadOnlyList<string> Settled = [Published, Failed, Cancelled];

    public static readonly IReadOnlyList<string> All = [.. InStep, Waiting, .. Settled];

    public static bool IsSettled(string state) => Settled.Contains(state);
}
