using MassTransit;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Publishing.Steps;

/// <summary>
/// Transient means wait: when Confluence cannot take a step's call now (down, unreachable, rate limiting, its site
/// paused), the step neither fails nor holds its message while waiting. It publishes <see cref="StepDeferred"/>, its
/// message is acknowledged, and the saga keeps the publication Waiting until the next attempt is due.
/// </summary>
public sealed class DeferWhileConfluenceUnavailable<TCommand>(WaitingOptions waiting, TimeProvider clock) : IFilter<ConsumeContext<TCommand>>
    where TCommand : class
{
    // Every step command names its publication (src/Contracts/PublicationSteps.cs).
    static readonly Func<TCommand, Guid> PublicationIdOf = typeof(TCommand).GetProperty(nameof(ResolveSpace.PublicationId))!
        .GetMethod!.CreateDelegate<Func<TCommand, Guid>>();

    public async Task Send(ConsumeContext<TCommand> context, IPipe<ConsumeContext<TCommand>> next)
    {
        try
        {
            await next.Send(context);
        }
        catch (Exception ex) when (!context.CancellationToken.IsCancellationRequested && Unavailability(ex) is { } unavailable)
        {
            await context.Publish(new StepDeferred(PublicationIdOf(context.Message), typeof(TCommand).Name, unavailable.Reason,
                unavailable.NotBefore, unavailable.SiteKey, unavailable.SitePaused));
        }
    }

    /// <summary>Why Confluence could not take the call and until when, or null when the failure is not Confluence being unavailable.</summary>
    (string Reason, DateTimeOffset? NotBefore, string? SiteKey, bool SitePaused)? Unavailability(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case ConfluenceUnavailableException u:
                    return (u.Message, u.NotBefore, u.SiteKey, u.SitePaused);
                case ConfluenceApiException { IsUnavailable: true } api:
                    return (api.Message, api.RetryAfter is { } wait ? clock.GetUtcNow() + waiting.Scaled(wait) : null, api.SiteKey, false);
                case ConfluenceApiException:
                    return null; // Confluence answered, and not with "later"
            }
        }

        return null;
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("deferWhileConfluenceUnavailable");
}
