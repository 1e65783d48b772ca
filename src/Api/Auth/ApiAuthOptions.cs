namespace TeamRetro.Confluence.Api.Auth;

/// <summary>
/// Bound from "Auth". Production: <see cref="Authority"/> and <see cref="Audience"/> of the customer's identity provider
/// (JWT bearer, OIDC discovery). Local use: a symmetric <see cref="SigningKey"/> and, if wanted, the development issuer.
/// </summary>
public sealed class ApiAuthOptions
{
    public const string Section = "Auth";

    public string? Authority { get; set; }
    public string Audience { get; set; } = "teamretro-confluence";
    public string Issuer { get; set; } = "teamretro-confluence-dev";
    /// <summary>At least 32 characters; a secret: from the environment, never a committed file.</summary>
    public string? SigningKey { get; set; }
    /// <summary>
    /// Serve POST /dev/token (and the console's development sign-in) to mint tokens signed with <see cref="SigningKey"/>.
    /// The Api refuses to start with it outside the Development environment or beside an <see cref="Authority"/>.
    /// </summary>
    public bool DevelopmentIssuer { get; set; }
}
