using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TeamRetro.Confluence.Api.Health;

/// <summary>Each check's name and status (no exception text: the endpoint is anonymous), so an operator sees which part is down.</summary>
public sealed record HealthAnswer(string Status, Dictionary<string, string> Checks);

/// <summary>Liveness and readiness, anonymous like <c>/metrics</c>.</summary>
public static class HealthApi
{
    public static RouteGroupBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").AllowAnonymous();
        group.MapHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false });
        group.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteChecks });
        return group;
    }

    static Task WriteChecks(HttpContext http, HealthReport report) =>
        http.Response.WriteAsJsonAsync(new HealthAnswer(report.Status.ToString(), report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString())));
}
