namespace TeamRetro.Confluence.LoadDriver;

/// <summary>Counts the worker's calls to Confluence (outermost handler: one per call the client makes; no faults are injected, so no retries).</summary>
public sealed class CallCounter
{
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> byEndpoint = new();
    int calls;

    public int Calls => Volatile.Read(ref calls);

    /// <summary>Calls per method and path shape (ids replaced), to see where the calls per report go.</summary>
    public IReadOnlyDictionary<string, int> ByEndpoint => byEndpoint;

    public DelegatingHandler Handler() => new Counting(this);

    sealed class Counting(CallCounter counter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter.calls);
            var shape = System.Text.RegularExpressions.Regex.Replace(request.RequestUri?.AbsolutePath ?? "", "[0-9]+", "{id}");
            var query = request.RequestUri?.Query.Contains("title=", StringComparison.Ordinal) == true ? "?title=" : "";
            counter.byEndpoint.AddOrUpdate($"{request.Method} {shape}{query}", 1, (_, n) => n + 1);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
