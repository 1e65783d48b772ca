using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamRetro.Confluence.Api.Outcomes;
using TeamRetro.Confluence.Api.Publications;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Api.Console;

/// <summary>The publications table. Its reads and actions are the Api's own use cases, so the rules (tenant, replay, cancel) are the same.</summary>
public sealed class PublicationsModel(PublicationQueries queries, PublicationActions actions) : PageModel
{
    /// <summary>The status filter: "" for all, then every state of the saga, Failed first (what an admin looks for).</summary>
    public static readonly IReadOnlyList<string> StateFilter =
        ["", PublicationStates.Failed, PublicationStates.Waiting, .. PublicationStates.Settled.Except([PublicationStates.Failed]), .. PublicationStates.InStep];

    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }
    /// <summary>The publication just replayed or cancelled, and how many times the page has refreshed to follow it.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Pending { get; set; }
    [BindProperty(SupportsGet = true)] public int Refreshes { get; set; }
    [TempData] public string? Message { get; set; }
    public IReadOnlyList<PublicationSummary> Items { get; private set; } = [];
    public string? Next { get; private set; }
    /// <summary>
    /// The page refreshes itself while something shown is in flight, and for a minute after an action until its publication
    /// settles (a replay is still "Failed" until the worker takes it), so the admin sees the outcome without reloading.
    /// </summary>
    public bool KeepRefreshing => Refreshes < MaxRefreshes && Items.Any(p =>
        ConsoleText.BadgeOf(p.State) == "running" || (p.Id == Pending && p.State is PublicationStates.Failed or PublicationStates.Waiting));
    const int MaxRefreshes = 30;
    const int PageSize = 25;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var filter = new PublicationFilter(State: string.IsNullOrEmpty(State) ? null : State);
        var listed = await queries.List(filter, After, PageSize, ct);
        if (listed is { IsOk: true, Value: { } page })
            (Items, Next) = (page.Items, page.Next);
        else
            Message = "That page link is no longer valid; showing the newest publications.";
    }

    public async Task<IActionResult> OnPostReplayAsync(Guid id, CancellationToken ct) =>
        Acted(id, await actions.Replay(id, ct), "Replay queued.");

    public async Task<IActionResult> OnPostRetryNowAsync(Guid id, CancellationToken ct) =>
        Acted(id, await actions.RetryNow(id, ct), "Retrying now.");

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) =>
        Acted(id, await actions.Cancel(id, ct), "Cancel requested.");

    /// <summary>Says what the use case answered and follows the publication until it settles.</summary>
    RedirectToPageResult Acted(Guid id, Outcome<Done> outcome, string accepted)
    {
        Message = outcome.Refusal switch
        {
            null => accepted,
            ConflictRefusal conflict => conflict.Message,
            _ => "That publication was not found.",
        };
        return RedirectToPage(new { State, Pending = id });
    }
}
