namespace TeamRetro.Confluence.Emulator;

public sealed record EmulatorOptions
{
    public IReadOnlyList<EmulatorUser> Users { get; init; } = [new("publisher", "publisher-password")];
    public IReadOnlyList<string> SpaceKeys { get; init; } = ["TEAM"];
    /// <summary>Requests without credentials run as a read-only anonymous user (Data Center with anonymous access on).</summary>
    public bool AllowAnonymous { get; init; }
    /// <summary>Like Confluence, a page of results is capped whatever limit the client asks for, so clients must follow _links.next.</summary>
    public int MaxPageSize { get; init; } = 25;
    /// <summary>Like Cloud today: v1 space and content calls made with an OAuth token answer 410 Gone (attachments still work).</summary>
    public bool V1ContentGoneForOAuth { get; init; }
    /// <summary>Added to every REST call, like a distant Confluence (the load figures use 0 and 50 ms).</summary>
    public TimeSpan Latency { get; init; }
}
