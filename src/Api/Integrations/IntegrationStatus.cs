namespace TeamRetro.Confluence.Api.Integrations;

/// <summary>An integration's <see cref="IntegrationView.Status"/>, as the Api answers it and the console shows it.</summary>
public static class IntegrationStatus
{
    public const string Connected = "connected";
    public const string NeedsReconsent = "needs re-consent";
    public const string Disabled = "disabled";
}
