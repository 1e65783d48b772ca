using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Worker.Tests.Publication.Waiting;

/// <summary>
/// A call that finds another worker probing the paused site looks again by itself: the probe's answer wakes only the
/// publications already saved as waiting, so one saved just after it would otherwise wait the whole lease out.
/// </summary>
public sealed class ProbeRecheckTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    static readonly WaitingOptions Options = new() { ProbeLease = TimeSpan.FromSeconds(60), DispatchInterval = TimeSpan.FromSeconds(1) };

    static SiteBackoff ProbeStarted(TimeSpan ago) => new() { SiteKey = "site", Failures = 1, Until = Now - ago, ProbeUntil = Now - ago + Options.ProbeLease };

    [Fact]
    public void A_probe_just_started_is_looked_at_again_after_a_dispatch_interval_not_its_whole_lease()
    {
        Assert.Equal(Now + TimeSpan.FromSeconds(1), SiteBackoffHandler.ProbeRecheck(ProbeStarted(TimeSpan.FromMilliseconds(200)), Now, Options));
    }

    [Fact]
    public void A_probe_running_long_is_looked_at_again_after_as_long_again()
    {
        Assert.Equal(Now + TimeSpan.FromSeconds(8), SiteBackoffHandler.ProbeRecheck(ProbeStarted(TimeSpan.FromSeconds(8)), Now, Options));
    }

    [Fact]
    public void Never_later_than_the_end_of_the_probes_lease()
    {
        Assert.Equal(Now + TimeSpan.FromSeconds(20), SiteBackoffHandler.ProbeRecheck(ProbeStarted(TimeSpan.FromSeconds(40)), Now, Options));
    }

    [Fact]
    public void A_probe_claimed_after_the_pause_was_read_is_looked_at_again_after_a_dispatch_interval()
    {
        var readBeforeTheClaim = new SiteBackoff { SiteKey = "site", Failures = 1, Until = Now, ProbeUntil = null };

        Assert.Equal(Now + TimeSpan.FromSeconds(1), SiteBackoffHandler.ProbeRecheck(readBeforeTheClaim, Now, Options));
    }
}
