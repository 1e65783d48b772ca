using System.Collections.Concurrent;
using Microsoft.AspNetCore.WebUtilities;

namespace TeamRetro.Confluence.Emulator;

/// <param name="Path">The path below the emulator's root, without the query (e.g. "/rest/api/content").</param>
/// <param name="Status">The status answered, or 0 when no answer reached the client (dropped, or the client gave up).</param>
/// <param name="User">Who it authenticated as, or null; the journal never holds a password or token.</param>
public sealed record RecordedRequest(string Method, string Path, string Query, int Status, string? User, DateTimeOffset At)
{
    public string UserAgent { get; init; } = "";
    /// <summary>The names of the request's headers (never their values: they carry credentials).</summary>
    public IReadOnlyList<string> Headers { get; init; } = [];
    /// <summary>Every leaf of a JSON body as a dotted path ("space.key", "ancestors[].id"), or null without a JSON body.</summary>
    public IReadOnlyList<string>? JsonFields { get; init; }
    /// <summary>The part names of a multipart body ("file", "minorEdit", "comment"), or null without one.</summary>
    public IReadOnlyList<string>? MultipartFields { get; init; }
    /// <summary>False when the body never fully arrived (the client was killed or gave up mid-request).</summary>
    public bool BodyComplete { get; init; } = true;

    public IReadOnlyList<string> QueryKeys =>
        QueryHelpers.ParseQuery(Query).Keys.ToList();
}

/// <summary>Every request the emulator received, rejected ones included, so tests can assert on what was called.</summary>
public sealed class RequestJournal
{
    readonly ConcurrentQueue<RecordedRequest> requests = new();

    public IReadOnlyList<RecordedRequest> All => requests.ToArray();

    /// <summary>
    /// The requests once one matches or the deadline passes: a request is recorded after its answer, so the client can
    /// see a dropped connection before the emulator has written it down.
    /// </summary>
    public async Task<IReadOnlyList<RecordedRequest>> Once(Func<RecordedRequest, bool> recorded, TimeSpan? timeout = null)
    {
        var giveUpAt = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!All.Any(recorded) && DateTime.UtcNow < giveUpAt)
            await Task.Delay(10);
        return All;
    }

    internal void Add(RecordedRequest request) => requests.Enqueue(request);
}
