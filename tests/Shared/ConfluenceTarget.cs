using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Atlassian;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using Xunit;

namespace TeamRetro.Confluence.Tests.Shared;

/// <summary>
/// One way a tenant connects: a product, its authentication and its API generation. Tests that must hold on every
/// product run once per target, each against an emulator playing that product. Linked into each test project.
/// </summary>
public sealed record ConfluenceTarget(string Name, EmulatedProduct Product, ConfluenceAuthKind AuthKind, ConfluenceApiProfile Profile)
{
    public static readonly ConfluenceTarget DataCenterBasic = new("DataCenter-basic", EmulatedProduct.DataCenter, ConfluenceAuthKind.ServerBasic, ConfluenceApiProfile.V1);
    public static readonly ConfluenceTarget DataCenterToken = new("DataCenter-PAT", EmulatedProduct.DataCenter, ConfluenceAuthKind.ServerPersonalAccessToken, ConfluenceApiProfile.V1);
    public static readonly ConfluenceTarget CloudApiToken = new("Cloud-API-token-v1", EmulatedProduct.Cloud, ConfluenceAuthKind.CloudApiToken, ConfluenceApiProfile.V1);
    public static readonly ConfluenceTarget CloudOAuth = new("Cloud-OAuth-v2", EmulatedProduct.Cloud, ConfluenceAuthKind.CloudOAuth, ConfluenceApiProfile.CloudV2);

    public static IReadOnlyList<ConfluenceTarget> All { get; } = [DataCenterBasic, DataCenterToken, CloudApiToken, CloudOAuth];

    /// <summary>For <c>[MemberData]</c>: the targets by name, so test names read "DataCenter-PAT" and so on.</summary>
    public static TheoryData<string> Names => new(All.Select(t => t.Name));

    public static ConfluenceTarget Named(string name) => All.Single(t => t.Name == name);

    /// <summary>The emulator for this target, with one user who may sign in with <paramref name="secret"/> as password or token.</summary>
    public EmulatorOptions Emulator(string user, string secret, string spaceKey, EmulatorOptions? options = null) =>
        (options ?? new EmulatorOptions()) with { Product = Product, Users = [new EmulatorUser(user, secret, PersonalAccessToken: secret)], SpaceKeys = [spaceKey] };

    /// <summary>Atlassian's OAuth server and gateway are the emulator's (only a Cloud OAuth target calls them).</summary>
    public static void PointAtlassianAt(IDictionary<string, string?> settings, ConfluenceEmulator emulator)
    {
        settings["Atlassian:AuthBaseUrl"] = emulator.BaseUrl.AbsoluteUri;
        settings["Atlassian:ApiBaseUrl"] = emulator.BaseUrl.AbsoluteUri;
        settings["Atlassian:ClientId"] = "test-client";
        settings["Atlassian:ClientSecret"] = "test-client-secret";
        settings["Atlassian:RedirectUri"] = "https://teamretro.example/integrations/confluence/callback";
    }

    /// <summary>The tenant's integration as an admin leaves it: credentials saved, or Cloud connected with consented tokens.</summary>
    public async Task Configure(IServiceProvider services, Guid tenantId, ConfluenceEmulator emulator, string user, string secret, string spaceKey)
    {
        if (AuthKind != ConfluenceAuthKind.CloudOAuth)
        {
            await PublicationStore.ConfigureIntegration(services, tenantId, emulator.SiteUrl, user, secret, spaceKey, i =>
            {
                i.ApiProfile = Profile;
                if (AuthKind == ConfluenceAuthKind.ServerPersonalAccessToken)
                    i.Username = null;
            }, AuthKind);
            return;
        }

        var tokens = emulator.OAuth.IssueTokens(user, OAuthScopes.For(Profile));
        await PublicationStore.SaveIntegration(services, tenantId, (integration, secrets) =>
        {
            integration.AuthKind = AuthKind;
            integration.ApiProfile = Profile;
            integration.BaseUrl = emulator.BaseUrl.AbsoluteUri; // Atlassian's API host: calls go through its gateway
            integration.CloudId = emulator.OAuth.CloudId;
            integration.SpaceKey = spaceKey;
            integration.EncryptedAccessToken = secrets.Protect(tokens.AccessToken);
            integration.EncryptedRefreshToken = secrets.Protect(tokens.RefreshToken);
            integration.AccessTokenExpiresAt = tokens.ExpiresAt;
        });
    }

    /// <summary>Where the site's calls arrive at the emulator: its site path, or Atlassian's gateway for OAuth.</summary>
    public string SitePath(ConfluenceEmulator emulator) =>
        AuthKind == ConfluenceAuthKind.CloudOAuth ? $"/ex/confluence/{emulator.OAuth.CloudId}/wiki/" : emulator.SiteUrl.AbsolutePath;

    public ConfluenceProduct ClientProduct => Product == EmulatedProduct.Cloud ? ConfluenceProduct.Cloud : ConfluenceProduct.DataCenter;

    public override string ToString() => Name;
}
