using MassTransit;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Publishing.Steps;

/// <summary>
/// Step 3: render the report and create the page, or update the one this publication owns (version + 1).
/// Never a second page: titles are unique per space, so a first publication simply creates; when the title is taken
/// (an earlier attempt created the page and lost the answer, or someone else's page), and for every republish,
/// Confluence is re-read first. A same-titled page that is not ours is never taken over.
/// Space, parent, known page and meeting come from the saga row, not from the command (<see cref="StepPublication"/>).
/// </summary>
public sealed class PublishReportPageConsumer(ConfluenceSiteResolver sites, ConfluenceClient confluence, ReportPageRenderer renderer,
    ConfluenceLocations locations, ILoadSagaRepository<ReportPublication> sagas, StepLease lease, ILogger<PublishReportPageConsumer> logger) : IConsumer<PublishReportPage>
{
    public async Task Consume(ConsumeContext<PublishReportPage> context)
    {
        var ct = context.CancellationToken;
        var saga = await StepPublication.Load(sagas, context.Message.PublicationId, context.Message.TenantId, PublicationSteps.PublishReportPage,
            s => s.CurrentStep == PublicationSteps.PublishReportPage && s.SpaceKey is not null && s.ParentPageId is not null, logger, ct);
        if (saga is null)
            return;
        await using var held = await lease.Hold(saga, ct);
        // The command as the saga sends it now: its SpaceKey, ParentPageId, KnownPage* and Meeting fields are not used.
        var command = PublicationCommands.PublishReportPage(saga);
        var (integration, site) = await sites.Resolve(command.TenantId, ct);
        var rendered = renderer.Render(command.Meeting, ReportPdfRenderer.FileName, integration.TemplateFor(command.Meeting.Kind), integration.TitlePattern);

        var message = ReportVersionMessage.For(rendered.BodySha256, command.Meeting.MeetingId);
        var title = rendered.Title;
        var alternative = ReportPageRenderer.DisambiguatedTitle(command.Meeting, integration.TitlePattern);
        ConfluencePage? existing = null;

        // A first publication creates straight away: titles are unique per space, so a create can never make a second
        // page, and "title already exists" sends it down the careful path below (ours from a lost answer, or someone else's).
        var page = command.KnownPageId is null ? await TryCreate(site, command, title, rendered.StorageXml, message, ct) : null;
        if (page is null)
        {
            (existing, title) = await FindTarget(site, command, rendered.Title, alternative, ct);
            if (existing is null)
            {
                // The page appeared since we looked (a lost answer to our own create, or a race): the retry looks again.
                page = await TryCreate(site, command, title, rendered.StorageXml, message, ct)
                    ?? throw new PublicationFailedException($"A page titled '{title}' appeared while publishing; retrying to check whose it is.", isPermanent: false);
            }
            else if (existing.Title == title && ReportVersionMessage.BodyHashOf(existing.VersionMessage) == rendered.BodySha256)
            {
                page = existing; // already up to date: no new version, no notification
            }
            else
            {
                page = await Update(site, existing, title, alternative, rendered.StorageXml, message, ct);
            }
        }

        await context.Publish(new ReportPagePublished(command.PublicationId, page.Id, page.Title, page.Version, page.WebUrl ?? existing?.WebUrl));
    }

    /// <summary>
    /// A new version of our page. A stale version answers 409, which is transient: the retry re-reads the current version.
    /// A renamed meeting whose new title another page already has (another meeting of the team that day, titled alike)
    /// takes the disambiguated title instead, as a first publication would.
    /// </summary>
    async Task<ConfluencePage> Update(ConfluenceSite site, ConfluencePage existing, string title, string alternative, string storageXml, string message,
        CancellationToken ct)
    {
        try
        {
            return await confluence.UpdatePage(site, new PageUpdate(existing.Id, title, storageXml, existing.Version + 1, message), ct);
        }
        catch (ConfluenceApiException e) when (e.IsDuplicateTitle && title != alternative)
        {
            return await confluence.UpdatePage(site, new PageUpdate(existing.Id, alternative, storageXml, existing.Version + 1, message), ct);
        }
    }

    /// <summary>The created page, or null when the title is taken.</summary>
    async Task<ConfluencePage?> TryCreate(ConfluenceSite site, PublishReportPage command, string title, string storageXml, string message,
        CancellationToken ct)
    {
        try
        {
            return await confluence.CreatePage(site, new NewPage(command.SpaceKey, command.ParentPageId, title, storageXml, message), ct);
        }
        catch (ConfluenceApiException e) when (e.IsDuplicateTitle)
        {
            return null;
        }
        catch (ConfluenceApiException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
        {
            // The parent page (or its space) was deleted or moved since it was located, perhaps from this worker's cache.
            locations.Forget(command.TenantId);
            throw new ReportLocationGoneException(
                $"The parent page {command.ParentPageId} in space {command.SpaceKey} is gone; the space and parent page are located again.", e);
        }
    }

    async Task<(ConfluencePage? Existing, string Title)> FindTarget(ConfluenceSite site, PublishReportPage command, string title, string alternative,
        CancellationToken ct)
    {
        if (command.KnownPageId is not null)
        {
            // The page we published before, found by the title it had (titles can change with the meeting).
            foreach (var candidate in new[] { command.KnownPageTitle, title, alternative }.OfType<string>().Distinct())
            {
                var page = await confluence.FindPage(site, command.SpaceKey, candidate, ct);
                if (page?.Id == command.KnownPageId)
                    return (page, page.Title == alternative ? alternative : title);
            }
        }

        var sameTitle = await confluence.FindPage(site, command.SpaceKey, title, ct);
        if (sameTitle is null || IsOurs(sameTitle, command))
            return (sameTitle, title);

        // Titles are unique per space and this one belongs to someone else: use the documented disambiguated title.
        var other = await confluence.FindPage(site, command.SpaceKey, alternative, ct);
        if (other is null || IsOurs(other, command))
            return (other, alternative);

        throw new PublicationFailedException(
            $"Space {command.SpaceKey} already has pages titled '{title}' and '{alternative}' that TeamRetro did not publish; rename one of them and replay.",
            isPermanent: true);
    }

    /// <summary>
    /// Ours: the page id we stored, or a page under our parent marked as this meeting's (a create whose answer was
    /// lost). Cloud (v1 and v2) takes no version message on create, so there a create is followed by an update that adds
    /// the marker; a page under our parent still at version 1 with no message is such a create whose answer was lost.
    /// </summary>
    static bool IsOurs(ConfluencePage page, PublishReportPage command) =>
        page.Id == command.KnownPageId
        || (page.ParentId == command.ParentPageId
            && (ReportVersionMessage.IsFor(page.VersionMessage, command.Meeting.MeetingId) || (page.Version == 1 && string.IsNullOrEmpty(page.VersionMessage))));
}
