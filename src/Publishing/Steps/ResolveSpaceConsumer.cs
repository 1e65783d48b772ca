using MassTransit;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;

namespace TeamRetro.Confluence.Publishing.Steps;

/// <summary>Step 1: the tenant's configured space exists and the account can see it.</summary>
public sealed class ResolveSpaceConsumer(ConfluenceSiteResolver sites, ConfluenceClient confluence, ConfluenceLocations locations)
    : IConsumer<ResolveSpace>
{
    public async Task Consume(ConsumeContext<ResolveSpace> context)
    {
        var command = context.Message;
        var (integration, site) = await sites.Resolve(command.TenantId, context.CancellationToken);
        var space = await locations.Space(command.TenantId, integration.SpaceKey, async () =>
            await confluence.FindSpace(site, integration.SpaceKey, context.CancellationToken)
            ?? throw new PublicationFailedException(
                $"Space '{integration.SpaceKey}' was not found on {site.Root.Host}, or the integration's account cannot see it.",
                isPermanent: true), context.CancellationToken);

        var parentTitle = command.Kind == MeetingKind.HealthCheck ? integration.HealthCheckParentTitle : integration.RetrospectiveParentTitle;
        await context.Publish(new SpaceResolved(command.PublicationId, space.Key, parentTitle));
    }
}
