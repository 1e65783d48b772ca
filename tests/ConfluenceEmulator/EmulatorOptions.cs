namespace TeamRetro.Confluence.Emulator;

/// <summary>Which Confluence the emulator plays. The two differ in paths, calls and headers: see docs/confluence-products.md.</summary>
public enum EmulatedProduct
{
    /// <summary>Server / Data Center: v1 only under {context}/rest/api, basic auth or personal access tokens, no attachment PUT.</summary>
    DataCenter,
    /// <summary>Cloud: v1 and v2 under /wiki, API tokens (basic) on the site, OAuth through Atlassian's gateway.</summary>
    Cloud,
}

/// <summary>Data Center's rate limiting: a token bucket per user, refilled with <see cref="FillRate"/> tokens every <see cref="Interval"/>.</summary>
public sealed record DataCenterRateLimit(int Capacity, int FillRate, TimeSpan Interval);

public sealed record EmulatorOptions
{
    public EmulatedProduct Product { get; init; } = EmulatedProduct.DataCenter;
    /// <summary>Data Center's context path, e.g. "/confluence" (empty: the site is at the host's root). Cloud is always "/wiki".</summary>
    public string ContextPath { get; init; } = "";
    public IReadOnlyList<EmulatorUser> Users { get; init; } = [new("publisher", "publisher-password")];
    public IReadOnlyList<string> SpaceKeys { get; init; } = ["TEAM"];
    /// <summary>Requests without credentials run as a read-only anonymous user (Data Center with anonymous access on).</summary>
    public bool AllowAnonymous { get; init; }
    /// <summary>Like Confluence, a page of results is capped whatever limit the client asks for, so clients must follow _links.next.</summary>
    public int MaxPageSize { get; init; } = 25;
    /// <summary>
    /// Cloud today: v1 space and content calls made with an OAuth token answer 410 Gone (attachments still work). Turn it off
    /// to play a site from before the removal, where the classic OAuth profile still answers.
    /// </summary>
    public bool V1ContentGoneForOAuth { get; init; } = true;
    /// <summary>Data Center's admin-configured rate limit, or none.</summary>
    public DataCenterRateLimit? RateLimit { get; init; }
    /// <summary>Added to every REST call, like a distant Confluence (the load figures use 0 and 50 ms).</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Where the site's REST roots live below the host: "/wiki" on Cloud, the context path on Data Center.</summary>
    public string SitePath => Product == EmulatedProduct.Cloud ? "/wiki" : ContextPath.TrimEnd('/');
}
