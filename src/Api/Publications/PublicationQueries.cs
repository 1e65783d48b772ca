using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Api.Outcomes;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Api.Publications;

/// <summary>Reads publications as the signed-in admin may see them, for the Api and the console alike.</summary>
public sealed class PublicationQueries(PublicationDbContext db, CurrentAdmin admin)
{
    /// <summary>Newest first. Keyset paging on (created, id): a page never repeats or skips rows that change state meanwhile.</summary>
    /// <param name="after">Cursor from the previous page's <c>Next</c>.</param>
    /// <param name="limit">Clamped to 1–200.</param>
    public async Task<Outcome<PublicationPage>> List(PublicationFilter filter, string? after, int limit, CancellationToken ct)
    {
        var query = filter.Apply(db.VisibleTo(admin));
        if (after is not null)
        {
            if (PublicationCursor.Parse(after) is not { } cursor)
                return Outcome.Invalid("after", "The cursor is not one this Api returned.");
            // The first condition is implied by the second; without it no database seeks the index to the cursor (an OR is
            // not a range) and a deep page walks every newer row of the tenant.
            query = query.Where(p => p.CreatedAt <= cursor.CreatedAt
                && (p.CreatedAt < cursor.CreatedAt || (p.CreatedAt == cursor.CreatedAt && p.CorrelationId.CompareTo(cursor.Id) < 0)));
        }

        var size = Math.Clamp(limit, 1, 200);
        // The page's ids first, then its rows: the ids come from the index alone (it holds the filtered columns, the order
        // and the id), so a filter matching thousands of a tenant's rows sorts index entries and reads only the page's rows.
        var pageIds = query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.CorrelationId).Take(size).Select(p => p.CorrelationId);
        var items = await db.Publications.AsNoTracking().Where(p => pageIds.Contains(p.CorrelationId))
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.CorrelationId).Select(ListedColumns).ToListAsync(ct);
        var next = items.Count == size ? PublicationCursor.After(items[^1]) : null;
        return new PublicationPage(items.Select(PublicationSummary.Of).ToList(), next);
    }

    /// <summary>Only what a list item shows: the snapshot and the history are the row's largest columns, read for the detail only.</summary>
    static readonly Expression<Func<ReportPublication, ReportPublication>> ListedColumns = p => new ReportPublication
    {
        CorrelationId = p.CorrelationId, TenantId = p.TenantId, MeetingId = p.MeetingId, MeetingKind = p.MeetingKind, MeetingTitle = p.MeetingTitle,
        CurrentState = p.CurrentState, CurrentStep = p.CurrentStep, FailedStep = p.FailedStep, LastError = p.LastError, PageUrl = p.PageUrl,
        CreatedAt = p.CreatedAt, UpdatedAt = p.UpdatedAt, NextAttemptAt = p.NextAttemptAt, WaitingSince = p.WaitingSince,
        WaitAttempts = p.WaitAttempts, WaitReason = p.WaitReason, PurgedAt = p.PurgedAt,
    };

    public async Task<Outcome<PublicationDetail>> Get(Guid id, CancellationToken ct)
    {
        var p = await db.VisibleTo(admin).SingleOrDefaultAsync(x => x.CorrelationId == id, ct);
        if (p is null)
            return Outcome.NotFound;
        return new PublicationDetail(PublicationSummary.Of(p), p.CurrentStep, p.Attempts, p.ReplayCount, p.SpaceKey, p.PageId, p.PageTitle,
            p.PageVersion, p.AttachmentId, p.CreatedAt, p.PublishedAt, PublicationHistory.Read(p.History), p.PurgedAt);
    }
}
