using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Publishing.Atlassian;

/// <summary>
/// Access tokens for Cloud OAuth integrations. They live an hour and are cached; renewal uses the refresh token,
/// which Atlassian rotates (the one sent dies, reusing it later revokes the grant). So a refresh is single-flight per
/// integration across every worker process: one claims it in the database (optimistic concurrency on
/// <see cref="ConfluenceIntegration.TokenStamp"/>), the others wait for the tokens it stores, and the new tokens are
/// stored (encrypted) before they are used.
/// </summary>
public sealed class AtlassianTokens(IServiceScopeFactory scopes, IOptions<AtlassianOptions> options, TimeProvider clock)
{
    static readonly TimeSpan ClaimFor = TimeSpan.FromSeconds(30);
    readonly ConcurrentDictionary<Guid, (string Token, DateTimeOffset ExpiresAt)> cache = new();
    readonly ConcurrentDictionary<Guid, SemaphoreSlim> gates = new();

    public async Task<string> AccessToken(Guid tenantId, CancellationToken ct)
    {
        if (Cached(tenantId) is { } token)
            return token;

        var gate = gates.GetOrAdd(tenantId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return Cached(tenantId) ?? await FromDatabaseOrRefresh(tenantId, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Confluence refused this token before its expiry (revoked, or replaced by another consent): forget it here and
    /// mark it expired in the database, unless another worker has stored a newer one meanwhile, so the next call renews it.
    /// </summary>
    public async Task Refused(Guid tenantId, string token, CancellationToken ct)
    {
        cache.TryRemove(tenantId, out _);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        var secrets = scope.ServiceProvider.GetRequiredService<SecretProtector>();
        var integration = await db.Integrations.SingleOrDefaultAsync(i => i.TenantId == tenantId, ct);
        if (integration?.EncryptedAccessToken is not { } stored || secrets.Unprotect(stored) != token)
            return;
        integration.AccessTokenExpiresAt = clock.GetUtcNow();
        integration.TokenStamp++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another worker changed the tokens meanwhile: theirs are newer than the refused one.
        }
    }

    /// <summary>Drops this process's cached access token of the tenant (a new consent replaced it); the next call reads the database.</summary>
    public void Forget(Guid tenantId) => cache.TryRemove(tenantId, out _);

    string? Cached(Guid tenantId) =>
        cache.TryGetValue(tenantId, out var entry) && entry.ExpiresAt - options.Value.RenewBefore > clock.GetUtcNow() ? entry.Token : null;

    async Task<string> FromDatabaseOrRefresh(Guid tenantId, CancellationToken ct)
    {
        var waitUntil = clock.GetUtcNow() + ClaimFor;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
            var secrets = scope.ServiceProvider.GetRequiredService<SecretProtector>();
            var integration = await db.Integrations.SingleAsync(i => i.TenantId == tenantId, ct);
            var now = clock.GetUtcNow();

            if (integration.NeedsReconsent)
                throw new ReconsentRequiredException("The Confluence Cloud integration needs an admin to connect it again.");
            if (integration.EncryptedAccessToken is { } stored && integration.AccessTokenExpiresAt - options.Value.RenewBefore > now)
                return Remember(tenantId, secrets.Unprotect(stored), integration.AccessTokenExpiresAt!.Value);
            if (integration.RefreshClaimedUntil > now)
            {
                // Another worker is renewing: wait for the tokens it stores instead of spending the refresh token twice.
                if (now > waitUntil)
                    throw new PublicationFailedException("Renewing the Confluence Cloud access token is taking too long; will retry.", isPermanent: false);
                await Task.Delay(TimeSpan.FromMilliseconds(100), clock, ct);
                continue;
            }

            integration.RefreshClaimedUntil = now + ClaimFor;
            integration.TokenStamp++;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                continue; // another worker claimed first: read again
            }

            return await Refresh(db, secrets, integration, scope.ServiceProvider.GetRequiredService<AtlassianAccountClient>(), ct);
        }
    }

    async Task<string> Refresh(PublicationDbContext db, SecretProtector secrets, ConfluenceIntegration integration, AtlassianAccountClient account, CancellationToken ct)
    {
        OAuthTokens tokens;
        try
        {
            var refreshToken = integration.EncryptedRefreshToken is { } r ? secrets.Unprotect(r)
                : throw new ReconsentRequiredException("The Confluence Cloud integration has no refresh token: an admin must connect it.");
            tokens = await account.Refresh(refreshToken, ct);
        }
        catch (Exception e) when (e is PublicationFailedException or HttpRequestException or OperationCanceledException)
        {
            Telemetry.PublicationTelemetry.TokenRefreshed(succeeded: false);
            integration.NeedsReconsent |= e is ReconsentRequiredException;
            integration.RefreshClaimedUntil = null;
            integration.TokenStamp++;
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }

        Telemetry.PublicationTelemetry.TokenRefreshed(succeeded: true);
        // Stored before use: the old refresh token is already dead.
        integration.EncryptedAccessToken = secrets.Protect(tokens.AccessToken);
        integration.AccessTokenExpiresAt = tokens.ExpiresAt;
        integration.EncryptedRefreshToken = secrets.Protect(tokens.RefreshToken);
        integration.RefreshClaimedUntil = null;
        integration.TokenStamp++;
        await db.SaveChangesAsync(CancellationToken.None);
        return Remember(integration.TenantId, tokens.AccessToken, tokens.ExpiresAt);
    }

    string Remember(Guid tenantId, string token, DateTimeOffset expiresAt)
    {
        cache[tenantId] = (token, expiresAt);
        return token;
    }
}
