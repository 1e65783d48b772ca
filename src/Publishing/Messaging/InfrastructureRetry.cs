using System.Data.Common;
using MassTransit;

namespace TeamRetro.Confluence.Publishing.Messaging;

/// <summary>
/// Our own database being down (restarting, failing over) says nothing about the publication: it must not fail it.
/// This retry sits outside each endpoint's own retry and handles only database failures, waiting for minutes rather
/// than seconds, so an outage delays publications instead of failing them. The inner retries ignore database failures:
/// MassTransit's outer retry filter does not retry what an inner one already handled.
/// </summary>
public static class InfrastructureRetry
{
    public static void UseInfrastructureRetry(this IReceiveEndpointConfigurator endpoint, RetryScheduleOptions options) =>
        endpoint.UseMessageRetry(r =>
        {
            r.Exponential(options.Attempts, options.MinInterval, options.MaxInterval, options.IntervalDelta);
            r.Handle<Exception>(IsDatabaseFailure);
        });

    /// <summary>A database error anywhere in the chain (EF Core wraps the provider's in its execution strategy's exceptions).</summary>
    public static bool IsDatabaseFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException)
                return true;
        }

        return false;
    }
}
