using MassTransit;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;

namespace TeamRetro.Confluence.Publishing.Steps;

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
        var parentId = await locations.ParentPageId(command.TenantId, command.SpaceKey, command.ParentPageTitle,
            async () => (await FindOrCreate(command, ct)).Id, ct);
        await context.Publish(new ParentPageEnsured(command.PublicationId, parentId));
    }

    async Task<ConfluencePage> FindOrCreate(EnsureParentPage command, CancellationToken ct)
    {
        var (_, site) = await sites.Resolve(command.TenantId, ct);
        if (await confluence.FindPage(site, command.SpaceKey, command.ParentPageTitle, ct) is { } parent)
            return parent;
        try
        {
            return await confluence.CreatePage(site, new NewPage(command.SpaceKey, null, command.ParentPageTitle, Body, "Created by TeamRetro"), ct);
        }
        catch (ConfluenceApiException e) when (e.IsDuplicateTitle)
        {
            // Another worker (or an earlier attempt whose answer was lost) created it first: use that one.
            return await confluence.FindPage(site, command.SpaceKey, command.ParentPageTitle, ct)
                ?? throw new PublicationFailedException(
                    $"Confluence says '{command.ParentPageTitle}' exists in space {command.SpaceKey} but it cannot be found.", isPermanent: false, e);
        }
    }
}
