using System.Collections.Concurrent;

namespace TeamRetro.Confluence.Emulator;

/// <param name="Path">The path below the emulator's root, without the query (e.g. "/rest/api/content").</param>
/// <param name="Status">The status answered, or 0 when no answer reached the client (dropped, or the client gave up).</param>
/// <param name="User">Who it authenticated as, or null; the journal never holds a password or token.</param>
public sealed record RecordedRequest(string Method, string Path, string Query, int Status, string? User, DateTimeOffset At);

/// <summary>Every request the emulator received, rejected ones included, so tests can assert on what was called.</summary>
public sealed class RequestJournal
{
    readonly ConcurrentQueue<RecordedRequest> requests = new();

    public IReadOnlyList<RecordedRequest> All => requests.ToArray();

    internal void Add(RecordedRequest request) => requests.Enqueue(request);
}
