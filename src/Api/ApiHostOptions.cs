namespace TeamRetro.Confluence.Api;

/// <summary>The <c>Api</c> section: how this host runs.</summary>
public sealed class ApiHostOptions
{
    public const string Section = "Api";

    /// <summary>The embedded default: the Api runs the saga and the step consumers too. Set false beside a Worker service.</summary>
    public bool HostWorker { get; set; } = true;
}
