using MassTransit;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Worker.Confluence;
using TeamRetro.Confluence.Worker.Integrations;
using Queues = TeamRetro.Confluence.Worker.Publication.PublicationSteps.Queues;

namespace TeamRetro.Confluence.Worker.Steps;

/// <summary>Step 2: the "Retrospectives" / "Health Checks" page exists in the space; created once, then reused.</summary>
public sealed class EnsureParentPageConsumer(ConfluenceSiteResolver sites, ConfluenceClient confluence, ConfluenceLocations locations)
    : IConsumer<EnsureParentPage>
{
    /// <summary>The parent lists its children, so it stays useful as the space grows.</summary>
    const string Body = "<p>Meeting reports published by TeamRetro.</p><ac:structured-macro ac:name=\"children\"><ac:parameter ac:name=\"sort\">creation</ac:parameter><ac:parameter ac:name=\"reverse\">true</ac:parameter></ac:structured-macro>";

    public async Task Consume(ConsumeContext<EnsureParentPage> context)
    {
        var command = context.Message;
        var ct = context.CancellationToken;
        if (locations.ParentPageId(command.TenantId, command.SpaceKey, command.ParentPageTitle) is { } known)
        {
            await context.Publish(new ParentPageEnsured(command.PublicationId, known));
            return;
        }

        var (_, site) = await sites.Resolve(command.TenantId, ct);

        var parent = await confluence.FindPage(site, command.SpaceKey, command.ParentPageTitle, ct);
        if (parent is null)
        {
            try
            {
                parent = await confluence.CreatePage(site,
                    new NewPage(command.SpaceKey, null, command.ParentPageTitle, Body, "Created by TeamRetro"), ct);
            }
            catch (ConfluenceApiException e) when (e.IsDuplicateTitle)
            {
                // Another publication (or an earlier attempt whose answer was lost) created it first: use that one.
                parent = await confluence.FindPage(site, command.SpaceKey, command.ParentPageTitle, ct)
                    ?? throw new PublicationFailedException(
                        $"Confluence says '{command.ParentPageTitle}' exists in space {command.SpaceKey} but it cannot be found.", isPermanent: false, e);
            }
        }

        locations.RememberParentPage(command.TenantId, command.SpaceKey, command.ParentPageTitle, parent.Id);
        await context.Publish(new ParentPageEnsured(command.PublicationId, parent.Id));
    }
}

public sealed class EnsureParentPageConsumerDefinition(IOptions<StepRetryOptions> retry)
    : StepConsumerDefinition<EnsureParentPageConsumer>(Queues.EnsureParentPageName, retry);
