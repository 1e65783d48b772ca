namespace TeamRetro.Confluence.Emulator;

public sealed record EmulatorOptions
{
    public IReadOnlyList<EmulatorUser> Users { get; init; } = [new("publisher", "publisher-password")];
    public IReadOnlyList<string> SpaceKeys { get; init; } = ["TEAM"];
    /// <summary>Requests without credentials run as a read-only anonymous user (Data Center with anonymous access on).</summary>
    public bool AllowAnonymous { get; init; }
    /// <summary>Like Confluence, a page of results is capped whatever limit the client asks for, so clients must follow _links.next.</summary>
    public int MaxPageSize { get; init; } = 25;
}
