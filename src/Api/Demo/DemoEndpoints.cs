using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Api.Demo;

public static class DemoEndpoints
{
    public static void AddDemo(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<DemoOptions>(builder.Configuration.GetSection(DemoOptions.Section));
        if (builder.Configuration.GetValue<bool>($"{DemoOptions.Section}:Enabled"))
            builder.Services.AddHostedService<DemoTenantSeeder>();
    }

    public static void MapDemo(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled)
            return;

        // Demo only (Demo:Enabled): anonymous so the quick start needs no identity provider.
        var demo = app.MapGroup("/demo").AllowAnonymous();
        demo.MapPost("/meetings", PublishSample);
        demo.MapGet("/publications/{id:guid}", Status);
    }

    static async Task<IResult> PublishSample(string? kind, IPublishEndpoint bus, IOptions<DemoOptions> options, CancellationToken ct)
    {
        var meeting = string.Equals(kind, "health-check", StringComparison.OrdinalIgnoreCase)
            ? DemoMeetings.HealthCheck(options.Value.TenantId)
            : DemoMeetings.Retrospective(options.Value.TenantId);
        await bus.Publish(meeting, ct);
        var id = PublicationId.For(meeting.TenantId, meeting.MeetingId);
        return Results.Accepted($"/demo/publications/{id}", new { publicationId = id, meetingId = meeting.MeetingId });
    }

    /// <summary>Anonymous, so only the demo tenant's publications: any other tenant's id answers 404 like an unknown one.</summary>
    static async Task<IResult> Status(Guid id, PublicationDbContext db, IOptions<DemoOptions> options, CancellationToken ct)
    {
        var tenant = options.Value.TenantId;
        var p = await db.Publications.AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == id && x.TenantId == tenant, ct);
        return p is null
            ? Results.NotFound()
            : Results.Ok(new { p.CorrelationId, p.CurrentState, p.CurrentStep, p.FailedStep, p.LastError, p.PageId, p.PageTitle, p.PageVersion, p.PageUrl, p.AttachmentId });
    }
}
