namespace TeamRetro.Confluence.Emulator;

/// <summary>
/// Faults a test switches on: answer the next matching requests with an error before doing the work (429, 5xx, ...),
/// or do the work and then answer an error (the "unknown outcome" a client must survive).
/// </summary>
public sealed class FaultInjection
{
    readonly object gate = new();
    readonly List<Rule> rules = [];

    public void Enqueue(HttpMethod method, string pathContains, int statusCode, int times = 1, TimeSpan? retryAfter = null, string? body = null)
    {
        lock (gate) rules.Add(new Rule(method.Method, pathContains, statusCode, times, retryAfter, body, AfterWork: false));
    }

    public void FailAfterWork(HttpMethod method, string pathContains, int statusCode, int times = 1)
    {
        lock (gate) rules.Add(new Rule(method.Method, pathContains, statusCode, times, null, null, AfterWork: true));
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
        lock (gate) rules.Clear();
    }

    internal Rule? Take(string method, string path, bool afterWork)
    {
        lock (gate)
        {
            var rule = rules.FirstOrDefault(r => r.AfterWork == afterWork && r.Remaining > 0 && r.Method == method
                && path.Contains(r.PathContains, StringComparison.Ordinal));
            if (rule is not null)
                rule.Remaining--;
            return rule;
        }
    }

    internal sealed record Rule(string Method, string PathContains, int StatusCode, int Times, TimeSpan? RetryAfter, string? Body, bool AfterWork)
    {
        public int Remaining { get; set; } = Times;
        public TimeSpan? Delay { get; init; }
        public bool Drop { get; init; }
    }
}
