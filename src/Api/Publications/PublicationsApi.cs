using Microsoft.AspNetCore.Http.HttpResults;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Api.Outcomes;
using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Api.Publications;

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
        group.MapPost("/{id:guid}/retry-now", RetryNow);
        group.MapPost("/retry-now", RetryNowForTenant);
        return group;
    }

    // The query values stay parameters, not an [AsParameters] record: a value that does not bind is named in the
    // problem's detail by its parameter name ("int limit"), which a record's property would capitalise.

    /// <summary>Newest first. Keyset paging on (created, id): a page never repeats or skips rows that change state meanwhile.</summary>
    /// <param name="after">Cursor from the previous page's <c>Next</c>.</param>
    static async Task<Results<Ok<PublicationPage>, ValidationProblem>> List(PublicationQueries publications, Guid? tenantId, string? state,
        MeetingKind? kind, string? failedStep, DateTimeOffset? from, DateTimeOffset? to, string? after, int limit = 50, CancellationToken ct = default) =>
        (await publications.List(new PublicationFilter(tenantId, state, kind, failedStep, from, to), after, limit, ct)).OkOrInvalid();

    static async Task<Results<Ok<PublicationDetail>, NotFound>> Get(Guid id, PublicationQueries publications, CancellationToken ct) =>
        (await publications.Get(id, ct)).OkOrNotFound();

    /// <summary>Accepted only for a Failed publication. Two clicks are one replay: the saga ignores a replay once it runs again.</summary>
    static async Task<Results<Accepted, NotFound, ProblemHttpResult>> Replay(Guid id, PublicationActions publications, CancellationToken ct) =>
        (await publications.Replay(id, ct)).AcceptedOrRefused($"/api/publications/{id}");

    /// <summary>Stops a running or failed publication; a published one has nothing left to stop.</summary>
    static async Task<Results<Accepted, NotFound, ProblemHttpResult>> Cancel(Guid id, PublicationActions publications, CancellationToken ct) =>
        (await publications.Cancel(id, ct)).AcceptedOrRefused($"/api/publications/{id}");

    /// <summary>Accepted only for a publication waiting on Confluence: it runs its step now, and its site is probed.</summary>
    static async Task<Results<Accepted, NotFound, ProblemHttpResult>> RetryNow(Guid id, PublicationActions publications, CancellationToken ct) =>
        (await publications.RetryNow(id, ct)).AcceptedOrRefused($"/api/publications/{id}");

    /// <summary>Every publication of the tenant waiting on Confluence runs now, oldest first.</summary>
    static async Task<Results<Ok<RetryNowResult>, NotFound>> RetryNowForTenant(Guid tenantId, PublicationActions publications, CancellationToken ct) =>
        (await publications.RetryNowForTenant(tenantId, ct)).OkOrNotFound();

    /// <summary>Replays every failed publication matching the filter, at most 100 per call; call again while more remain.</summary>
    static async Task<Ok<BulkReplayResult>> ReplayMatching(PublicationActions publications, Guid? tenantId, MeetingKind? kind, string? failedStep,
        DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct = default) =>
        TypedResults.Ok(await publications.ReplayMatching(new PublicationFilter(tenantId, null, kind, failedStep, from, to), ct));
}
