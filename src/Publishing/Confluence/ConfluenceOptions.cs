namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>Bound from the "Confluence" configuration section.</summary>
public sealed class ConfluenceOptions
{
    public const string Section = "Confluence";

    /// <summary>Egress proxy for all Confluence and Atlassian traffic, e.g. http://proxy.internal:3128. Empty: direct.</summary>
    public string? ProxyUrl { get; set; }
    public string? ProxyUsername { get; set; }
    public string? ProxyPassword { get; set; }

    /// <summary>Allow http:// Confluence URLs (local emulator, test systems). Off in production.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Allow Confluence on loopback or private addresses (on-premises Data Center, the emulator); never link-local or metadata.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Timeout of one attempt of one call.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Deadline of one call as a whole: every attempt, every retry delay, and reading the answer's body.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>How long a worker trusts a tenant's space and parent page ids without asking Confluence again.</summary>
    public TimeSpan LocationCacheLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>HTTP retries inside one step for 429/503 and failed reads; longer outages are the step's message retry.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>Cap on one retry delay, whatever Retry-After asks for; a longer wait becomes a step retry.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls in flight to one site at once (more wait in a queue), so one tenant's flood does not starve others.</summary>
    public int MaxConcurrentCallsPerSite { get; set; } = 8;
    public int MaxQueuedCallsPerSite { get; set; } = 200;

    /// <summary>The per-site circuit opens when at least this many calls in 30 s saw half of them fail.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Base delay of the exponential backoff when Confluence gives no Retry-After.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
