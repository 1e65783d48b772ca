using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Persistence.SagaRepository;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>The shared pauses of Confluence sites (<see cref="SiteBackoff"/>).</summary>
public interface ISiteBackoffStore
{
    /// <summary>The longest pause among <paramref name="keys"/>, or null when none stands.</summary>
    Task<SiteBackoff?> Current(IReadOnlyList<string> keys, CancellationToken ct);

    /// <summary>Claims the probe of a pause that has passed; false when another worker probes now.</summary>
    Task<bool> TryStartProbe(string key, TimeSpan lease, CancellationToken ct);

    /// <summary>
    /// Pauses the site for <paramref name="wait"/> (already scaled), or by the site pause schedule when Confluence gave no time.
    /// <paramref name="pacing"/>: not a failure, only spacing calls below a quota (no probe follows).
    /// </summary>
    Task<SiteBackoff> Pause(string key, string host, TimeSpan? wait, string reason, bool pacing, CancellationToken ct);

    /// <summary>The site answered again: the pause ends and the publications waiting on it are due at once, oldest first.</summary>
    Task Resume(string key, CancellationToken ct);

    /// <summary>An admin's "retry now": the pause ends at once, so the next call probes the site (and its answer wakes the rest).</summary>
    Task ProbeNow(string key, CancellationToken ct);
}

/// <summary>No database (Confluence client tests): nothing is ever paused.</summary>
internal sealed class NoSiteBackoffStore : ISiteBackoffStore
{
    public Task<SiteBackoff?> Current(IReadOnlyList<string> keys, CancellationToken ct) => Task.FromResult<SiteBackoff?>(null);
    public Task<bool> TryStartProbe(string key, TimeSpan lease, CancellationToken ct) => Task.FromResult(true);
    public Task<SiteBackoff> Pause(string key, string host, TimeSpan? wait, string reason, bool pacing, CancellationToken ct) =>
        Task.FromResult(new SiteBackoff { SiteKey = key, Host = host, Reason = reason });
    public Task Resume(string key, CancellationToken ct) => Task.CompletedTask;
    public Task ProbeNow(string key, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>The pauses in the publications database, so every worker sees the same one.</summary>
internal sealed class EfSiteBackoffStore(IServiceScopeFactory scopes, IOptions<WaitingOptions> waiting, TimeProvider clock) : ISiteBackoffStore
{
    /// <summary>Sites found without a pause, until when that is taken as still true (<see cref="WaitingOptions.SiteClearFor"/>).</summary>
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> clearUntil = new();

    public async Task<SiteBackoff?> Current(IReadOnlyList<string> keys, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (keys.All(k => clearUntil.TryGetValue(k, out var until) && until > now))
            return null;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        var rows = await db.SiteBackoffs.AsNoTracking().Where(b => keys.Contains(b.SiteKey)).ToListAsync(ct);
        foreach (var key in keys)
        {
            if (rows.Any(r => r.SiteKey == key))
                clearUntil.TryRemove(key, out _);
            else if (waiting.Value.SiteClearFor > TimeSpan.Zero)
                clearUntil[key] = now + waiting.Value.SiteClearFor;
        }

        return rows.OrderByDescending(b => b.Until).FirstOrDefault();
    }

    public async Task<bool> TryStartProbe(string key, TimeSpan lease, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        var now = clock.GetUtcNow();
        var claimed = await db.SiteBackoffs
            .Where(b => b.SiteKey == key && b.Until <= now && (b.ProbeUntil == null || b.ProbeUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.ProbeUntil, now + lease), ct);
        return claimed == 1;
    }

    public async Task<SiteBackoff> Pause(string key, string host, TimeSpan? wait, string reason, bool pacing, CancellationToken ct)
    {
        clearUntil.TryRemove(key, out _);
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
            var now = clock.GetUtcNow();
            var row = await db.SiteBackoffs.SingleOrDefaultAsync(b => b.SiteKey == key, ct);
            if (row is null)
            {
                row = new SiteBackoff { SiteKey = key, Until = now };
                db.SiteBackoffs.Add(row);
            }

            // Calls already in flight when the site first refused are refused too: one pause, not one failure each.
            if (!pacing && (row.Failures == 0 || row.Until <= now))
                row.Failures++;
            var until = now + (wait ?? waiting.Value.SitePause(Math.Max(1, row.Failures)));
            row.Until = until > row.Until ? until : row.Until;
            row.Host = StoredText.Fit(host, StoredText.NameLength);
            row.Reason = StoredText.Fit(reason, 1000);
            row.ProbeUntil = null;
            row.UpdatedAt = now;
            try
            {
                await db.SaveChangesAsync(ct);
                clearUntil.TryRemove(key, out _); // a Current that read before this commit may have marked it clear meanwhile
            }
            catch (DbUpdateException e) when (attempt < 3 && (SagaConflicts.IsDuplicateKey(e) || e is DbUpdateConcurrencyException))
            {
                continue; // another worker paused it at the same moment: apply ours on top of theirs
            }

            // The publications waiting on the site come back when it may be called again: not before, and not later
            // either (those that lost the probe to this worker wait for its outcome, which this is).
            await db.Publications
                .Where(p => p.CurrentState == PublicationStates.Waiting && p.WaitingOnSite == key)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.NextAttemptAt, row.Until), ct);
            return row;
        }
    }

    public async Task ProbeNow(string key, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        var now = clock.GetUtcNow();
        await db.SiteBackoffs.Where(b => b.SiteKey == key && b.Until > now)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Until, now).SetProperty(b => b.ProbeUntil, (DateTimeOffset?)null), ct);
    }

    public async Task Resume(string key, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        if (await db.SiteBackoffs.Where(b => b.SiteKey == key).ExecuteDeleteAsync(ct) == 0)
            return;
        await db.Publications
            .Where(p => p.CurrentState == PublicationStates.Waiting && p.WaitingOnSite == key)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.NextAttemptAt, p => p.WaitingSince), ct);
    }
}
