using MassTransit;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Publishing.Atlassian;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Tests.Shared;
using TeamRetro.Confluence.Worker.Tests.Publication;
using TeamRetro.Confluence.Worker.Tests.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Atlassian;

/// <summary>Confluence Cloud through OAuth 2.0 (3LO): consent, site choice, gateway calls, rotating refresh tokens.</summary>
public sealed class CloudOAuthTests : IAsyncLifetime
{
    PublicationHarness h = null!;

    public async Task InitializeAsync() => h = await PublicationHarness.StartAsync(emulator: new EmulatorOptions { Product = EmulatedProduct.Cloud });

    public async Task DisposeAsync() => await h.DisposeAsync();

    async Task<Guid> Connect(ConfluenceApiProfile profile)
    {
        var (tenant, problem) = await ConnectAndChoose(profile);
        Assert.Null(problem);
        return tenant;
    }

    /// <summary>Consent, then the site choice (checked live); the worker then forgets the token the check cached, as another process would.</summary>
    async Task<(Guid Tenant, (string Field, string Problem)? Problem)> ConnectAndChoose(ConfluenceApiProfile profile)
    {
        var tenant = Guid.NewGuid();
        await using var scope = h.Services.CreateAsyncScope();
        var connect = scope.ServiceProvider.GetRequiredService<CloudConnect>();
        var code = h.Emulator.OAuth.IssueCode(PublicationHarness.User, OAuthScopes.For(profile));
        var sites = await connect.CompleteConsent(tenant, code, profile, CancellationToken.None);
        var site = Assert.Single(sites);
        var problem = await connect.SelectSite(tenant, site.Id, PublicationHarness.SpaceKey, CancellationToken.None);
        h.Services.GetRequiredService<AtlassianTokens>().Forget(tenant);
        return (tenant, problem);
    }

    async Task<ConfluenceIntegration> Integration(Guid tenant)
    {
        await using var scope = h.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PublicationDbContext>().Integrations.AsNoTracking().SingleAsync(i => i.TenantId == tenant);
    }

    Task<ReportPublication> Publish(Guid tenant, Func<ReportPublicationStateMachine, State> until) =>
        h.Publish(SampleMeetings.Retrospective(tenant), until);

    [Theory]
    [InlineData(ConfluenceApiProfile.V1)]
    [InlineData(ConfluenceApiProfile.CloudV2)]
    public void Authorize_url_asks_for_exactly_the_profile_scopes_with_consent(ConfluenceApiProfile profile)
    {
        using var scope = h.Services.CreateScope();
        var url = scope.ServiceProvider.GetRequiredService<CloudConnect>().AuthorizeUrl(profile, "state-123");
        var query = QueryHelpers.ParseQuery(url.Query);

        Assert.Equal("/authorize", url.AbsolutePath);
        Assert.Equal("api.atlassian.com", query["audience"]);
        Assert.Equal(OAuthScopes.For(profile), query["scope"]);
        Assert.Equal("consent", query["prompt"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("state-123", query["state"]);
    }

    [Fact]
    public void Classic_scopes_are_exactly_the_published_list()
    {
        Assert.Equal(
            ["offline_access", "read:confluence-content.summary", "read:confluence-space.summary", "write:confluence-content", "write:confluence-file"],
            OAuthScopes.Classic.Split(' ').Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Connected_current_profile_publishes_through_the_gateway_with_only_listed_calls()
    {
        var tenant = await Connect(ConfluenceApiProfile.CloudV2);

        var saga = await Publish(tenant, m => m.Published);

        var gateway = $"/ex/confluence/{h.Emulator.OAuth.CloudId}/wiki/";
        var siteCalls = h.Emulator.Requests.All.Where(r => r.Path.StartsWith(gateway, StringComparison.Ordinal)).ToList();
        AllowListAssert.EveryRequestAllowed(siteCalls, ConfluenceProduct.Cloud, ConfluenceApiProfile.CloudV2, gateway);
        Assert.All(h.Emulator.Requests.All.Except(siteCalls), r => Assert.Contains(r.Path, new[] { "/oauth/token", "/oauth/token/accessible-resources" }));
        Assert.Single(h.Emulator.State.AttachmentsOf(saga.PageId!));
        var stored = await Integration(tenant);
        Assert.DoesNotContain("access-", stored.EncryptedAccessToken, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-", stored.EncryptedRefreshToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_todays_cloud_the_classic_profile_fails_clearly_and_the_current_one_works()
    {
        await h.DisposeAsync();
        h = await PublicationHarness.StartAsync(emulator: new EmulatorOptions { Product = EmulatedProduct.Cloud, V1ContentGoneForOAuth = true });
        var (classic, refused) = await ConnectAndChoose(ConfluenceApiProfile.V1);
        var current = await Connect(ConfluenceApiProfile.CloudV2);
        // The site choice already says so; an integration chosen before that check fails its publications as clearly.
        Assert.Equal("spaceKey", refused?.Field);
        Assert.Contains("switch the integration to the current API profile", refused?.Problem, StringComparison.Ordinal);
        await h.ChangeIntegration(classic, (row, _) => (row.CloudId, row.SpaceKey) = (h.Emulator.OAuth.CloudId, PublicationHarness.SpaceKey));

        var failed = await Publish(classic, m => m.Failed);
        var published = await Publish(current, m => m.Published);

        Assert.Contains("410", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("switch the integration to the current API profile", failed.LastError, StringComparison.Ordinal);
        Assert.Single(h.Emulator.State.AttachmentsOf(published.PageId!)); // the v1 attachment upload still works under OAuth
    }

    [Fact]
    public async Task An_expired_access_token_is_renewed_once_and_the_rotated_tokens_are_stored()
    {
        var tenant = await Connect(ConfluenceApiProfile.CloudV2);
        var before = await Integration(tenant);
        await h.ExpireAccessToken(tenant);

        h.Emulator.OAuth.ExpireAccessTokens();
        await Publish(tenant, m => m.Published);

        var after = await Integration(tenant);
        Assert.Equal(1, h.Emulator.OAuth.RefreshCalls);
        Assert.NotEqual(before.EncryptedRefreshToken, after.EncryptedRefreshToken);
        Assert.True(after.AccessTokenExpiresAt > DateTimeOffset.UtcNow.AddMinutes(50));
        Assert.Null(after.RefreshClaimedUntil);
    }

    [Fact]
    public async Task An_access_token_refused_before_its_expiry_is_renewed_and_the_publication_goes_on()
    {
        var tenant = await Connect(ConfluenceApiProfile.CloudV2);
        await Publish(tenant, m => m.Published); // the token is now cached by the worker and valid for an hour in the database
        var before = await Integration(tenant);

        h.Emulator.OAuth.ExpireAccessTokens(); // refused early, as after a revocation on Atlassian's side
        await Publish(tenant, m => m.Published);

        var after = await Integration(tenant);
        Assert.Equal(1, h.Emulator.OAuth.RefreshCalls);
        Assert.NotEqual(before.EncryptedAccessToken, after.EncryptedAccessToken);
        Assert.Contains(h.Emulator.Requests.All, r => r.Status == 401);
    }

    [Fact]
    public async Task Two_worker_processes_renewing_at_once_spend_the_refresh_token_only_once()
    {
        var tenant = await Connect(ConfluenceApiProfile.CloudV2);
        await h.ExpireAccessToken(tenant);

        await using var second = h.SecondWorkerServices();
        var first = h.Services.GetRequiredService<AtlassianTokens>();
        var other = second.GetRequiredService<AtlassianTokens>();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => (i % 2 == 0 ? first : other).AccessToken(tenant, CancellationToken.None)));

        Assert.Single(tokens.Distinct());
        Assert.Equal(1, h.Emulator.OAuth.RefreshCalls);
        Assert.Equal(0, h.Emulator.OAuth.RevokedGrants);
    }

    [Fact]
    public async Task A_refused_refresh_token_marks_the_integration_for_reconsent_and_fails_permanently()
    {
        var tenant = await Connect(ConfluenceApiProfile.CloudV2);
        await h.ExpireAccessToken(tenant);
        await h.ChangeIntegration(tenant, (row, secrets) => row.EncryptedRefreshToken = secrets.Protect("refresh-that-atlassian-revoked"));

        var saga = await Publish(tenant, m => m.Failed);

        Assert.Equal(PublicationSteps.ResolveSpace, saga.FailedStep);
        Assert.Contains("connect Confluence Cloud again", saga.LastError, StringComparison.Ordinal);
        Assert.True((await Integration(tenant)).NeedsReconsent);
        Assert.Equal(1, h.Emulator.OAuth.RefreshCalls); // permanent: no retry storm against the token endpoint
    }
}
