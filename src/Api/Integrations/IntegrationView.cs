using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Api.Integrations;

/// <summary>Secrets are write-only: no response carries a password, token or ciphertext.</summary>
public sealed record IntegrationView(Guid TenantId, ConfluenceAuthKind AuthKind, ConfluenceApiProfile ApiProfile, string BaseUrl, string? Username,
    string SpaceKey, string? CloudId, string Status, string RetrospectiveParentTitle, string HealthCheckParentTitle,
    bool HasRetrospectiveTemplate, bool HasHealthCheckTemplate, DateTimeOffset UpdatedAt, IntegrationActivity Activity)
{
    public static async Task<IntegrationView> Of(PublicationDbContext db, ConfluenceIntegration i, CancellationToken ct) =>
        new(i.TenantId, i.AuthKind, i.ApiProfile, i.BaseUrl, i.Username, i.SpaceKey, i.CloudId,
            !i.Enabled ? IntegrationStatus.Disabled : i.NeedsReconsent ? IntegrationStatus.NeedsReconsent : IntegrationStatus.Connected,
            i.RetrospectiveParentTitle, i.HealthCheckParentTitle,
            i.RetrospectiveTemplate is not null, i.HealthCheckTemplate is not null, i.UpdatedAt, await IntegrationActivity.Of(db, i.TenantId, ct));
}
