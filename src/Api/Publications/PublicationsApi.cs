using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Api.Publications;

public sealed record PublicationSummary(Guid Id, Guid TenantId, Guid MeetingId, MeetingKind Kind, string MeetingTitle, string State,
    string? FailedStep, string? LastError, string? PageUrl, DateTimeOffset UpdatedAt);

public sealed record PublicationDetail(PublicationSummary Summary, string? CurrentStep, int Attempts, int ReplayCount, string? SpaceKey,
    string? PageId, string? PageTitle, int? PageVersion, string? AttachmentId, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt,
    IReadOnlyList<PublicationEvent> History);

public sealed record PublicationPage(IReadOnlyList<PublicationSummary> Items, string? Next);

public sealed record BulkReplayResult(int Queued, bool MoreRemain);

/// <summary>List, inspect and replay publications: a tenant admin sees its own tenant, an operator every tenant.</summary>
public static class PublicationsApi
{
    public static RouteGroupBuilder MapPublications(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/publications").RequireAuthorization(AuthRegistration.AdminPolicy);
        group.MapGet("/", List);
        group.MapGet("/{id:guid}", Get);
        group.MapPost("/{id:guid}/replay", Replay);
        group.MapPost("/{id:guid}/cancel", Cancel);
        group.MapPost("/replay", ReplayMatching);
        return group;
    }

    /// <summary>Newest first. Keyset paging on (created, id): a page never repeats or skips rows that change state meanwhile.</summary>
    /// <param name="after">Cursor from the previous page's <c>Next</c>.</param>
    internal static async Task<Results<Ok<PublicationPage>, ValidationProblem>> List(PublicationDbContext db, CurrentAdmin admin,
        Guid? tenantId, string? state, MeetingKind? kind, string? failedStep, DateTimeOffset? from, DateTimeOffset? to, string? after,
        int limit = 50, CancellationToken ct = default)
    {
        var query = Filtered(Visible(db, admin), tenantId, state, kind, failedStep, from, to);
        if (after is not null)
        {
            if (PublicationCursor.Parse(after) is not { } cursor)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["after"] = ["The cursor is not one this Api returned."] });
            query = query.Where(p => p.CreatedAt < cursor.CreatedAt
                || (p.CreatedAt == cursor.CreatedAt && p.CorrelationId.CompareTo(cursor.Id) < 0));
        }

        var size = Math.Clamp(limit, 1, 200);
        var items = await query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.CorrelationId).Take(size).ToListAsync(ct);
        var next = items.Count == size ? PublicationCursor.After(items[^1]) : null;
        return TypedResults.Ok(new PublicationPage(items.Select(Summary).ToList(), next));
    }

    internal static async Task<Results<Ok<PublicationDetail>, NotFound>> Get(Guid id, PublicationDbContext db, CurrentAdmin admin, CancellationToken ct)
    {
        var p = await Visible(db, admin).SingleOrDefaultAsync(x => x.CorrelationId == id, ct);
        return p is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new PublicationDetail(Summary(p), p.CurrentStep, p.Attempts, p.ReplayCount, p.SpaceKey, p.PageId, p.PageTitle,
                p.PageVersion, p.AttachmentId, p.CreatedAt, p.PublishedAt, PublicationHistory.Read(p.History)));
    }

    /// <summary>Accepted only for a Failed publication. Two clicks are one replay: the saga ignores a replay once it runs again.</summary>
    internal static async Task<Results<Accepted, NotFound, ProblemHttpResult>> Replay(Guid id, PublicationDbContext db, CurrentAdmin admin,
        IPublishEndpoint bus, CancellationToken ct)
    {
        var p = await Visible(db, admin).SingleOrDefaultAsync(x => x.CorrelationId == id, ct);
        if (p is null)
            return TypedResults.NotFound();
        if (p.CurrentState != "Failed")
            return TypedResults.Problem($"Only failed publications can be replayed; this one is {p.CurrentState}.", statusCode: StatusCodes.Status409Conflict);
        await bus.Publish(new ReplayPublication(id), ct);
        return TypedResults.Accepted($"/api/publications/{id}");
    }

    /// <summary>Stops a running or failed publication; a published one has nothing left to stop.</summary>
    internal static async Task<Results<Accepted, NotFound, ProblemHttpResult>> Cancel(Guid id, PublicationDbContext db, CurrentAdmin admin,
        IPublishEndpoint bus, CancellationToken ct)
    {
        var p = await Visible(db, admin).SingleOrDefaultAsync(x => x.CorrelationId == id, ct);
        if (p is null)
            return TypedResults.NotFound();
        if (p.CurrentState is "Published" or "Cancelled")
            return TypedResults.Problem($"Only running or failed publications can be cancelled; this one is {p.CurrentState}.", statusCode: StatusCodes.Status409Conflict);
        await bus.Publish(new CancelPublication(id, admin.Subject), ct);
        return TypedResults.Accepted($"/api/publications/{id}");
    }

    /// <summary>Replays every failed publication matching the filter, at most 100 per call; call again while more remain.</summary>
    static async Task<Ok<BulkReplayResult>> ReplayMatching(PublicationDbContext db, CurrentAdmin admin, IPublishEndpoint bus,
        Guid? tenantId, MeetingKind? kind, string? failedStep, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct = default)
    {
        const int Batch = 100;
        var ids = await Filtered(Visible(db, admin), tenantId, "Failed", kind, failedStep, from, to)
            .OrderBy(p => p.CorrelationId).Select(p => p.CorrelationId).Take(Batch + 1).ToListAsync(ct);
        foreach (var id in ids.Take(Batch))
            await bus.Publish(new ReplayPublication(id), ct);
        return TypedResults.Ok(new BulkReplayResult(Math.Min(ids.Count, Batch), ids.Count > Batch));
    }

    static IQueryable<ReportPublication> Filtered(IQueryable<ReportPublication> query, Guid? tenantId, string? state, MeetingKind? kind,
        string? failedStep, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (tenantId is { } t)
            query = query.Where(p => p.TenantId == t);
        if (state is not null)
            query = query.Where(p => p.CurrentState == state);
        if (kind is not null)
            query = query.Where(p => p.MeetingKind == kind);
        if (failedStep is not null)
            query = query.Where(p => p.FailedStep == failedStep);
        // Offsets are normalised: PostgreSQL's timestamptz takes UTC values only.
        if (from?.ToUniversalTime() is { } f)
            query = query.Where(p => p.UpdatedAt >= f);
        if (to?.ToUniversalTime() is { } u)
            query = query.Where(p => p.UpdatedAt < u);
        return query;
    }

    static IQueryable<ReportPublication> Visible(PublicationDbContext db, CurrentAdmin admin)
    {
        var all = db.Publications.AsNoTracking();
        if (admin.IsOperator)
            return all;
        var tenant = admin.TenantId ?? Guid.Empty;
        return all.Where(p => p.TenantId == tenant);
    }

    static PublicationSummary Summary(ReportPublication p) =>
        new(p.CorrelationId, p.TenantId, p.MeetingId, p.MeetingKind, p.MeetingTitle, p.CurrentState, p.FailedStep, p.LastError, p.PageUrl, p.UpdatedAt);
}
