using System.Text.RegularExpressions;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>
/// The only Confluence calls the product makes, per product and API profile, with the only query parameters each may
/// carry. "We do not read any other content" is enforced here: <see cref="AllowListHandler"/> refuses anything else
/// before a byte leaves the process. docs/security.md lists the same tables; a test keeps them in step.
/// </summary>
public static class ConfluenceEndpointAllowList
{
    /// <param name="Query">The query parameters the call may carry: a name, or name=value when only that value is allowed.</param>
    public sealed record Endpoint(string Method, string PathTemplate, params string[] Query)
    {
        internal Regex Pattern { get; } = new(
            "^" + Regex.Replace(Regex.Escape(PathTemplate), @"\\\{[A-Za-z]+}", "[A-Za-z0-9-]+") + "$",
            RegexOptions.CultureInvariant);

        public bool AllowsQuery(string name, string value) =>
            Query.Any(q => q == name || q == $"{name}={value}");

        public override string ToString() => $"{Method} {PathTemplate}";
    }

    static readonly Endpoint UserCurrent = new("GET", "rest/api/user/current");
    static readonly Endpoint V1Spaces = new("GET", "rest/api/space", "spaceKey", "limit", "start");
    static readonly Endpoint V1FindPage = new("GET", "rest/api/content", "type=page", "spaceKey", "title", "expand=version,ancestors");
    static readonly Endpoint V1CreatePage = new("POST", "rest/api/content");
    static readonly Endpoint V1UpdatePage = new("PUT", "rest/api/content/{id}");
    static readonly Endpoint CloudPutAttachment = new("PUT", "rest/api/content/{id}/child/attachment");

    static readonly IReadOnlyList<Endpoint> DataCenter =
        [
            UserCurrent, V1Spaces, V1FindPage, V1CreatePage, V1UpdatePage,
            // Data Center has no create-or-update PUT (405): find the PDF by name, create it, or add a version to it.
            new("GET", "rest/api/content/{id}/child/attachment", "filename"),
            new("POST", "rest/api/content/{id}/child/attachment"),
            new("POST", "rest/api/content/{id}/child/attachment/{attachmentId}/data"),
        ];

    static readonly IReadOnlyList<Endpoint> CloudV1 = [UserCurrent, V1Spaces, V1FindPage, V1CreatePage, V1UpdatePage, CloudPutAttachment];

    static readonly IReadOnlyList<Endpoint> CloudV2 =
        [
            new("GET", "api/v2/spaces", "keys", "limit", "cursor"),
            new("GET", "api/v2/pages", "space-id", "title", "status=current", "limit", "cursor"),
            new("POST", "api/v2/pages"),
            new("PUT", "api/v2/pages/{id}"),
            CloudPutAttachment,
        ];

    /// <summary>The lists are built once: every request is checked against them.</summary>
    public static IReadOnlyList<Endpoint> For(ConfluenceProduct product, ConfluenceApiProfile profile) => (product, profile) switch
    {
        (ConfluenceProduct.DataCenter, ConfluenceApiProfile.V1) => DataCenter,
        (ConfluenceProduct.Cloud, ConfluenceApiProfile.V1) => CloudV1,
        (ConfluenceProduct.Cloud, ConfluenceApiProfile.CloudV2) => CloudV2,
        _ => [], // Data Center has no v2: nothing may be sent
    };

    /// <summary>The list's name in docs/security.md: DataCenter, CloudV1 or CloudV2.</summary>
    public static string Name(ConfluenceProduct product, ConfluenceApiProfile profile) =>
        product == ConfluenceProduct.DataCenter ? "DataCenter" : profile == ConfluenceApiProfile.CloudV2 ? "CloudV2" : "CloudV1";

    /// <param name="relativePath">The path below the site's base URL, without query, e.g. "rest/api/content/123".</param>
    /// <param name="query">The request's query string, with or without its leading '?'.</param>
    public static bool IsAllowed(ConfluenceProduct product, ConfluenceApiProfile profile, HttpMethod method, string relativePath, string query = "") =>
        Find(product, profile, method, relativePath) is { } endpoint && QueryParameters(query).All(p => endpoint.AllowsQuery(p.Name, p.Value));

    /// <summary>
    /// The call's name in telemetry: its allow-list entry ("PUT rest/api/content/{id}"), never its ids or query, or
    /// "unlisted" for a call the allow-list refuses.
    /// </summary>
    public static string Template(ConfluenceProduct product, ConfluenceApiProfile profile, HttpMethod method, string relativePath) =>
        Find(product, profile, method, relativePath.Split('?', 2)[0])?.ToString() ?? "unlisted";

    static Endpoint? Find(ConfluenceProduct product, ConfluenceApiProfile profile, HttpMethod method, string relativePath) =>
        For(product, profile).FirstOrDefault(e => e.Method == method.Method && e.Pattern.IsMatch(relativePath));

    static IEnumerable<(string Name, string Value)> QueryParameters(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            return equals < 0
                ? (Uri.UnescapeDataString(pair), "")
                : (Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' ')));
        });
}
