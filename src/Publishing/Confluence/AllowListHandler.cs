using Microsoft.Extensions.Options;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>First handler of the Confluence HTTP pipeline: a request not on its site's allow-list never leaves.</summary>
public sealed class AllowListHandler(IOptions<ConfluenceOptions> options) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<ConfluenceSite> SiteKey = new("TeamRetro.ConfluenceSite");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(SiteKey, out var site) || request.RequestUri is null)
            throw new EndpointNotAllowedException("A Confluence request was made without a site; refusing to send it.");

        if (request.RequestUri.Scheme != Uri.UriSchemeHttps && !(request.RequestUri.Scheme == Uri.UriSchemeHttp && options.Value.AllowHttp))
            throw new EndpointNotAllowedException($"{request.RequestUri.GetLeftPart(UriPartial.Authority)} is not https; refusing to send credentials over it.");

        var root = site.Root.AbsolutePath;
        var path = request.RequestUri.AbsolutePath;
        var sameOrigin = Uri.Compare(request.RequestUri, site.Root, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        if (!sameOrigin || !path.StartsWith(root, StringComparison.Ordinal)
            || !ConfluenceEndpointAllowList.IsAllowed(site.Product, site.Profile, request.Method, path[root.Length..], request.RequestUri.Query))
        {
            throw new EndpointNotAllowedException(
                $"{request.Method} {request.RequestUri.GetLeftPart(UriPartial.Path)} (with its query) is not on the {site.AllowListName} allow-list; refusing to send it.");
        }

        return base.SendAsync(request, cancellationToken);
    }
}

public sealed class EndpointNotAllowedException(string message) : PublicationFailedException(message, isPermanent: true);
