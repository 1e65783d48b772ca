namespace TeamRetro.Confluence.Api.Integrations;

/// <summary>Where to send the admin for Atlassian's consent screen.</summary>
public sealed record CloudConnectStarted(string AuthorizeUrl);

/// <summary>A stored template rendered for a sample meeting, as Confluence storage format.</summary>
public sealed record TemplatePreview(string Preview);

/// <summary>The title a sample retrospective gets under the stored pattern.</summary>
public sealed record TitleExample(string Example);

public sealed record SpaceChoice(string Key, string Name);

public sealed record SpaceList(IReadOnlyList<SpaceChoice> Items, int Total);

/// <summary>What <c>DELETE …/integration?purge=true</c> removed.</summary>
public sealed record TenantDataDeleted(bool IntegrationDeleted, int PublicationsDeleted);
