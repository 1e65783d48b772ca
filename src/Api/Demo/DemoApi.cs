using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Api.Demo;

public sealed record DemoMeetingAccepted(Guid PublicationId, Guid MeetingId);

/// <summary>What the quick start polls: the names are the saga's columns.</summary>
public sealed record DemoPublicationStatus(Guid CorrelationId, string CurrentState, string? CurrentStep, string? FailedStep, string? LastError,
    string? PageId, string? PageTitle, int? PageVersion, string? PageUrl, string? AttachmentId);

/// <summary>Publish a sample meeting and follow it, without an identity provider: mapped only with Demo:Enabled.</summary>
public static class DemoApi
{
    public static RouteGroupBuilder MapDemo(this IEndpointRouteBuilder app)
    {
        // Anonymous so the quick start needs no identity provider; without Demo:Enabled the group stays empty.
        var group = app.MapGroup("/demo").AllowAnonymous();
        if (!app.ServiceProvider.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
            return group;
        group.MapPost("/meetings", PublishSample);
        group.MapGet("/publications/{id:guid}", Status);
        return group;
    }

    static async Task<Accepted<DemoMeetingAccepted>> PublishSample(string? kind, IPublishEndpoint bus, IOptions<DemoOptions> options, CancellationToken ct)
    {
        var meeting = string.Equals(kind, "health-check", StringComparison.OrdinalIgnoreCase)
            ? DemoMeetings.HealthCheck(options.Value.TenantId)
            : DemoMeetings.Retrospective(options.Value.TenantId);
        await bus.Publish(meeting, ct);
        var id = PublicationId.For(meeting.TenantId, meeting.MeetingId);
        return TypedResults.Accepted($"/demo/publications/{id}", new DemoMeetingAccepted(id, meeting.MeetingId));
    }

    /// <summary>Anonymous, so only the demo tenant's publications: any other tenant's id answers 404 like an unknown one.</summary>
    static async Task<Results<Ok<DemoPublicationStatus>, NotFound>> Status(Guid id, PublicationDbContext db, IOptions<DemoOptions> options,
        CancellationToken ct)
    {
        var tenant = options.Value.TenantId;
        var p = await db.Publications.AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == id && x.TenantId == tenant, ct);
        if (p is null)
            return TypedResults.NotFound();
        return TypedResults.Ok(new DemoPublicationStatus(p.CorrelationId, p.CurrentState, p.CurrentStep, p.FailedStep, p.LastError, p.PageId,
            p.PageTitle, p.PageVersion, p.PageUrl, p.AttachmentId));
    }
}
