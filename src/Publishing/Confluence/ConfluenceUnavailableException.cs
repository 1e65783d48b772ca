namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>
/// Confluence cannot take the call now, for every publication on its site: it did not answer, could not be reached, or
/// its site is paused (<see cref="SiteBackoff"/>). Never permanent: the step waits durably and runs again.
/// </summary>
/// <param name="notBefore">The earliest time worth trying again, when known (the site's pause, Confluence's Retry-After).</param>
/// <param name="sitePaused">The call was not made: the site's shared pause (or another worker's probe) holds it.</param>
public sealed class ConfluenceUnavailableException(string siteKey, string message, DateTimeOffset? notBefore = null, Exception? inner = null,
    bool sitePaused = false)
    : PublicationFailedException(message, isPermanent: false, inner)
{
    public string SiteKey { get; } = siteKey;
    public DateTimeOffset? NotBefore { get; } = notBefore;
    public bool SitePaused { get; } = sitePaused;
}
