using System.Net;

namespace TeamRetro.Confluence.Integration.Tests.BadInput;

/// <summary>The ids and tokens an Api case can use: tenant A (the caller's, with an integration) and tenant B (someone else's, with a publication).</summary>
public sealed record ApiContext(Guid TenantA, Guid TenantB, Guid PublicationOfB);

/// <param name="Name">Readable: it is the theory row's display name.</param>
/// <param name="Token">The bearer token to send; null sends none. Defaults to a valid tenant-admin token for tenant A.</param>
/// <param name="Mentions">A fragment the problem details must contain (the field or the reason), when the case has one.</param>
public sealed record ApiCase(
    string Name,
    HttpMethod Method,
    Func<ApiContext, string> Path,
    HttpStatusCode Expected,
    Func<ApiContext, HttpContent?>? Body = null,
    Func<ApiContext, string?>? Token = null,
    string? Mentions = null)
{
    public override string ToString() => Name;
}
