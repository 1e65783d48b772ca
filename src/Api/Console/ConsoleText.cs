using TeamRetro.Confluence.Api.Integrations;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Api.Console;

/// <summary>Small presentation rules shared by the console's pages.</summary>
public static class ConsoleText
{
    /// <summary>The badge of a publication's state or an integration's status.</summary>
    public static string BadgeOf(string state) => state switch
    {
        PublicationStates.Published => "published",
        PublicationStates.Failed => "failed",
        PublicationStates.Cancelled => "cancelled",
        PublicationStates.Waiting => "waiting",
        IntegrationStatus.Connected => "connected",
        IntegrationStatus.NeedsReconsent => "needs-re-consent",
        IntegrationStatus.Disabled => "disabled",
        _ => "running",
    };

    /// <summary>Page links come from Confluence's answers: only http(s) ones become links, never javascript: or data:.</summary>
    public static string? SafeLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;
}
