using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;

namespace TeamRetro.Confluence.Api.Integrations;

public sealed record ServerIntegrationRequest(string BaseUrl, ConfluenceAuthKind AuthKind, string? Username, string Secret, string SpaceKey,
    ConfluenceApiProfile ApiProfile = ConfluenceApiProfile.V1);

public sealed record CloudConnectRequest(ConfluenceApiProfile ApiProfile = ConfluenceApiProfile.CloudV2);

public sealed record CloudSiteRequest(string? CloudId, string? SpaceKey);

public sealed record TemplateRequest(string Template);

/// <param name="Pattern">With {team}, {title}, {kind}, {date}; null restores the default title.</param>
public sealed record TitlePatternRequest(string? Pattern);

public sealed record SpaceRequest(string SpaceKey);

public sealed record ParentTitlesRequest(string? Retrospectives, string? HealthChecks);
