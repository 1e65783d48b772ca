using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Api.Publications;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Api.Console;

/// <summary>The publications table. Its reads and actions are the Api's own handlers, so the rules (tenant, replay, cancel) are the same.</summary>
public sealed class PublicationsModel(PublicationDbContext db, CurrentAdmin admin, IPublishEndpoint bus) : PageModel
{
    public static readonly string[] States = ["", "Failed", "Published", "Cancelled", "ResolvingSpace", "EnsuringParentPage", "PublishingPage", "UploadingPdf"];

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
        ConsoleText.BadgeOf(p.State) == "running" || (p.Id == Pending && p.State == "Failed"));
    const int MaxRefreshes = 30;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var state = string.IsNullOrEmpty(State) ? null : State;
        var result = await PublicationsApi.List(db, admin, null, state, null, null, null, null, After, 25, ct);
        if (result.Result is Ok<PublicationPage> { Value: { } page })
            (Items, Next) = (page.Items, page.Next);
        else
            Message = "That page link is no longer valid; showing the newest publications.";
    }

    public async Task<IActionResult> OnPostReplayAsync(Guid id, CancellationToken ct) =>
        Acted(id, await PublicationsApi.Replay(id, db, admin, bus, ct), "Replay queued.");

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) =>
        Acted(id, await PublicationsApi.Cancel(id, db, admin, bus, ct), "Cancel requested.");

    /// <summary>Says what the Api answered and follows the publication until it settles.</summary>
    RedirectToPageResult Acted(Guid id, Results<Accepted, NotFound, ProblemHttpResult> answer, string accepted)
    {
        Message = answer.Result switch
        {
            Accepted => accepted,
            ProblemHttpResult problem => problem.ProblemDetails.Detail,
            _ => "That publication was not found.",
        };
        return RedirectToPage(new { State, Pending = id });
    }
}
