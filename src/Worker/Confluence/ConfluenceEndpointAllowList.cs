using System.Text.RegularExpressions;

namespace TeamRetro.Confluence.Worker.Confluence;

/// <summary>
/// The only Confluence calls the product makes, per profile. "We do not read any other content" is enforced here:
/// <see cref="AllowListHandler"/> refuses anything else before a byte leaves the process. docs/security.md lists
/// the same table; a test keeps the two in step.
/// </summary>
public static partial class ConfluenceEndpointAllowList
{
    public sealed record Endpoint(string Method, string PathTemplate)
    {
        internal Regex Pattern { get; } = new(
            "^" + Regex.Escape(PathTemplate).Replace(@"\{id}", "[A-Za-z0-9-]+", StringComparison.Ordinal) + "$",
            RegexOptions.CultureInvariant);

        public override string ToString() => $"{Method} {PathTemplate}";
    }

    static readonly IReadOnlyList<Endpoint> V1 =
        [
            new("GET", "rest/api/user/current"),
            new("GET", "rest/api/space"),
            new("GET", "rest/api/content"),
            new("POST", "rest/api/content"),
            new("PUT", "rest/api/content/{id}"),
            new("POST", "rest/api/content/{id}/child/attachment"),
            new("PUT", "rest/api/content/{id}/child/attachment"),
        ];

    static readonly IReadOnlyList<Endpoint> CloudV2 =
        [
            new("GET", "api/v2/spaces"),
            new("GET", "api/v2/pages"),
            new("POST", "api/v2/pages"),
            new("PUT", "api/v2/pages/{id}"),
            new("PUT", "rest/api/content/{id}/child/attachment"),
        ];

    /// <summary>The lists are built once: every request is checked against them.</summary>
    public static IReadOnlyList<Endpoint> For(ConfluenceApiProfile profile) => profile switch
    {
        ConfluenceApiProfile.V1 => V1,
        ConfluenceApiProfile.CloudV2 => CloudV2,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "Unknown API profile"),
    };

    /// <param name="relativePath">The path below the site's base URL, without query, e.g. "rest/api/content/123".</param>
    public static bool IsAllowed(ConfluenceApiProfile profile, HttpMethod method, string relativePath) =>
        For(profile).Any(e => e.Method == method.Method && e.Pattern.IsMatch(relativePath));
}
