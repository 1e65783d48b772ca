using MassTransit;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Publishing.Steps;

/// <summary>
/// Bounded trust in the bus (docs/security.md): a step command that writes to Confluence names its publication, and
/// the step takes where to write (space, parent, page, title, attachment) and what (the meeting snapshot) from that
/// publication's saga row, never from the command. Anyone able to send on the bus can then only make a step redo what
/// the saga already asked for, on pages the saga already holds. The row is read through MassTransit's load repository,
/// so it comes from wherever the saga lives: the database, or process memory for the load driver's in-memory ceiling.
/// </summary>
public static class StepPublication
{
    /// <summary>
    /// The saga row the command belongs to, or null when the publication is no longer at this step (a late duplicate,
    /// for example a redriven command arriving after the step finished: nothing to do), or when it names another tenant
    /// (dropped without a fault: its fault would carry the real publication's id and fail it). A publication that does
    /// not exist is refused for good, visibly: no step of ours sends such a command.
    /// </summary>
    public static async Task<ReportPublication?> Load(ILoadSagaRepository<ReportPublication> sagas, Guid publicationId, Guid tenantId, string step,
        Func<ReportPublication, bool> atStep, ILogger logger, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var saga = await sagas.Load(publicationId);
        if (saga is null)
            throw new PublicationFailedException(
                $"The {step} command names publication {publicationId} of tenant {tenantId}, which does not exist; it was refused.", isPermanent: true);
        if (saga.TenantId != tenantId)
        {
            logger.LogWarning("Dropped a {Step} command for publication {PublicationId} that names another tenant ({TenantId})", step, publicationId, tenantId);
            return null;
        }
        if (atStep(saga))
            return saga;

        logger.LogWarning("Ignored a {Step} command for publication {PublicationId}, which is {State} (step {CurrentStep})",
            step, publicationId, saga.CurrentState, saga.CurrentStep);
        return null;
    }
}
