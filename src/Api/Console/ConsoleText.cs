namespace TeamRetro.Confluence.Api.Console;

/// <summary>Small presentation rules shared by the console's pages.</summary>
public static class ConsoleText
{
    public static string BadgeOf(string state) => state switch
    {
        "Published" => "published",
        "Failed" => "failed",
        "Cancelled" => "cancelled",
        "connected" => "connected",
        "needs re-consent" => "needs-re-consent",
        "disabled" => "disabled",
        _ => "running",
    };

    /// <summary>Page links come from Confluence's answers: only http(s) ones become links, never javascript: or data:.</summary>
    public static string? SafeLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;

    /// <summary>Every message of a validation problem, for showing above a form.</summary>
    public static IReadOnlyList<string> Messages(Microsoft.AspNetCore.Http.HttpResults.ValidationProblem problem) =>
        problem.ProblemDetails.Errors.SelectMany(e => e.Value).ToList();
}
