using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Worker.Tests.Publication.Waiting;

/// <summary>
/// A worker that found a site without a pause takes it as clear for <c>Publication:Waiting:SiteClearFor</c> instead of
/// reading the pauses on every Confluence call; a pause of its own is seen at once, and a standing pause is always read.
/// </summary>
public sealed class SiteClearForTests
{
    static readonly string[] Keys = ["site-a"];

    static async Task<(PublicationHarness Harness, ISiteBackoffStore Pauses)> Start(string clearFor)
    {
        var h = await PublicationHarness.StartAsync(new Dictionary<string, string?> { ["Publication:Waiting:SiteClearFor"] = clearFor });
        return (h, h.Services.GetRequiredService<ISiteBackoffStore>());
    }

    /// <summary>What another worker's pause looks like from here: a row this worker did not write.</summary>
    static async Task PausedElsewhere(IServiceProvider services, string key)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        db.SiteBackoffs.Add(new SiteBackoff { SiteKey = key, Host = "wiki.example", Until = DateTimeOffset.UtcNow.AddHours(1), Reason = "503", Failures = 1 });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_site_found_clear_is_not_read_again_within_the_interval_but_its_own_pause_is_seen_at_once()
    {
        var (h, pauses) = await Start("01:00:00");
        await using var _ = h;
        Assert.Null(await pauses.Current(Keys, CancellationToken.None));

        await PausedElsewhere(h.Services, "site-a");
        Assert.Null(await pauses.Current(Keys, CancellationToken.None)); // taken as clear: no read

        var mine = await pauses.Pause("site-a", "wiki.example", TimeSpan.FromMinutes(5), "503 here too", pacing: false, CancellationToken.None);
        var seen = await pauses.Current(Keys, CancellationToken.None);
        Assert.NotNull(seen);
        Assert.Equal(mine.Until, seen.Until);
    }

    [Fact]
    public async Task With_no_interval_every_call_reads_the_pauses()
    {
        var (h, pauses) = await Start("00:00:00");
        await using var _ = h;
        Assert.Null(await pauses.Current(Keys, CancellationToken.None));

        await PausedElsewhere(h.Services, "site-a");

        Assert.Equal("503", (await pauses.Current(Keys, CancellationToken.None))?.Reason);
    }
}
