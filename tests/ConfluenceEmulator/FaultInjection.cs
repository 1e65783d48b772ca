namespace TeamRetro.Confluence.Emulator;

/// <summary>
/// Faults a test switches on: answer the next matching requests with an error before doing the work (429, 5xx, ...),
/// or do the work and then answer an error (the "unknown outcome" a client must survive).
/// </summary>
public sealed class FaultInjection
{
    readonly object gate = new();
    readonly List<Rule> rules = [];
    readonly List<(double Rate, Rule Rule)> rated = [];
    Random random = new(1);

    /// <summary>Seeds the dice of <see cref="AtRate"/> so a run can be repeated.</summary>
    public void Seed(int seed)
    {
        lock (gate) random = new Random(seed);
    }

    /// <summary>
    /// A share of all matching API calls (any method when <paramref name="method"/> is null) fail this way, for as long as
    /// the rule stands: a status (e.g. 429 with Retry-After, 503), a delay, or a dropped connection. Queued rules go first.
    /// </summary>
    public void AtRate(double rate, int statusCode = 0, HttpMethod? method = null, string pathContains = "", TimeSpan? retryAfter = null,
        TimeSpan? delay = null, bool drop = false)
    {
        lock (gate) rated.Add((rate, new Rule(method?.Method ?? "", pathContains, statusCode, int.MaxValue, retryAfter, null, AfterWork: false)
        {
            Delay = delay,
            Drop = drop,
        }));
    }

    /// <summary>
    /// Every API call fails this way for <paramref name="lasting"/> (real time) from the first call it refuses: an outage
    /// (503, no Retry-After) or a quota that holds until its window ends (429 whose Retry-After says
    /// <paramref name="retryAfter"/>, as Cloud's hourly quota says the time to the top of the hour). The calls inside it
    /// stay in <see cref="RequestJournal"/>; <see cref="WindowEnds"/> says when it ended.
    /// </summary>
    public void Window(TimeSpan lasting, int statusCode, TimeSpan? retryAfter = null, string? rateLimitReason = null)
    {
        lock (gate) rated.Add((1.0, new Rule("", "", statusCode, int.MaxValue, retryAfter, null, AfterWork: false)
        {
            Lasting = lasting,
            RateLimitReason = rateLimitReason,
        }));
    }

    /// <summary>When the last <see cref="Window"/> ends (or ended); null before its first call.</summary>
    public DateTimeOffset? WindowEnds
    {
        get { lock (gate) return windowEnds; }
    }

    DateTimeOffset? windowEnds;

    public void Enqueue(HttpMethod method, string pathContains, int statusCode, int times = 1, TimeSpan? retryAfter = null, string? body = null)
    {
        lock (gate) rules.Add(new Rule(method.Method, pathContains, statusCode, times, retryAfter, body, AfterWork: false));
    }

    public void FailAfterWork(HttpMethod method, string pathContains, int statusCode, int times = 1)
    {
        lock (gate) rules.Add(new Rule(method.Method, pathContains, statusCode, times, null, null, AfterWork: true));
    }

    /// <summary>The next matching requests get this answer instead of the real one: a server that says what Confluence would not.</summary>
    public void Answer(HttpMethod method, string pathContains, int statusCode, string json, int times = 1) =>
        AnswerEach(method, pathContains, statusCode, _ => json, times);

    /// <summary>Like <see cref="Answer"/>, with a body made for the n-th matching request (0 first): a server that pages forever, say.</summary>
    public void AnswerEach(HttpMethod method, string pathContains, int statusCode, Func<int, string> json, int times)
    {
        lock (gate) rules.Add(new Rule(method.Method, pathContains, statusCode, times, null, null, AfterWork: false) { Verbatim = json });
    }

    /// <summary>The next matching request is answered 200 at once, but its body arrives a byte at a time over <paramref name="over"/>.</summary>
    public void Trickle(HttpMethod method, string pathContains, string json, TimeSpan over)
    {
        lock (gate) rules.Add(new Rule(method.Method, pathContains, 200, 1, null, json, AfterWork: false) { TrickleOver = over });
    }

    /// <summary>The next matching requests are answered normally, but only after <paramref name="delay"/>.</summary>
    public void Slow(HttpMethod method, string pathContains, TimeSpan delay, int times = 1)
    {
        lock (gate) rules.Add(new Rule(method.Method, pathContains, 0, times, null, null, AfterWork: false) { Delay = delay });
    }

    /// <summary>The next matching requests lose their connection before any answer (and before any work).</summary>
    public void DropConnection(HttpMethod method, string pathContains, int times = 1)
    {
        lock (gate) rules.Add(new Rule(method.Method, pathContains, 0, times, null, null, AfterWork: false) { Drop = true });
    }

    public void Clear()
    {
        lock (gate)
        {
            rules.Clear();
            rated.Clear();
        }
    }

    internal Rule? Take(string method, string path, bool afterWork)
    {
        lock (gate)
        {
            var rule = rules.FirstOrDefault(r => r.AfterWork == afterWork && r.Remaining > 0 && r.Method == method
                && path.Contains(r.PathContains, StringComparison.Ordinal));
            if (rule is not null)
            {
                rule.Remaining--;
                return rule;
            }

            if (afterWork)
                return null;
            var now = DateTimeOffset.UtcNow;
            rated.RemoveAll(r => r.Rule.Until < now);
            foreach (var (rate, candidate) in rated)
            {
                if ((candidate.Method.Length == 0 || candidate.Method == method) && path.Contains(candidate.PathContains, StringComparison.Ordinal)
                    && random.NextDouble() < rate)
                {
                    if (candidate is { Lasting: { } lasting, Until: null })
                        windowEnds = candidate.Until = now + lasting; // the window opens with the first call it refuses
                    return candidate;
                }
            }

            return null;
        }
    }

    internal sealed record Rule(string Method, string PathContains, int StatusCode, int Times, TimeSpan? RetryAfter, string? Body, bool AfterWork)
    {
        public int Remaining { get; set; } = Times;
        public TimeSpan? Delay { get; init; }
        public bool Drop { get; init; }
        /// <summary>The body to answer as it is, whatever the status, given how many times the rule was used before.</summary>
        public Func<int, string>? Verbatim { get; init; }
        public TimeSpan? TrickleOver { get; init; }
        /// <summary>A rule of <see cref="Window"/> lasts this long from its first call, until <see cref="Until"/>.</summary>
        public TimeSpan? Lasting { get; init; }
        public DateTimeOffset? Until { get; set; }
        /// <summary>Cloud's RateLimit-Reason of a 429 (tenant quota when null).</summary>
        public string? RateLimitReason { get; init; }
        public int Used => Times - Remaining - 1;
    }
}
