using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Publishing.Steps;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>
/// A step writes its heartbeat at start only when its command waited a third of StuckAfter or more since the saga's last
/// change: a fresher step cannot be reached by the sweeper before its first periodic beat.
/// </summary>
public sealed class StepLeaseTests : IAsyncLifetime
{
    static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(15);
    PublicationHarness h = null!;

    public async Task InitializeAsync() => h = await PublicationHarness.StartAsync();

    public async Task DisposeAsync() => await h.DisposeAsync();

    StepLease Lease() => new(h.Services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new SweeperOptions { StuckAfter = StuckAfter }),
        TimeProvider.System, NullLogger<StepLease>.Instance);

    async Task<ReportPublication> InStep(TimeSpan sinceTheSagaSentIt)
    {
        var at = DateTimeOffset.UtcNow - sinceTheSagaSentIt;
        var row = new ReportPublication
        {
            CorrelationId = Guid.NewGuid(), TenantId = h.TenantId, MeetingId = Guid.NewGuid(), CurrentState = PublicationStates.UploadingPdf,
            CurrentStep = PublicationSteps.UploadReportPdf, MeetingJson = "{}", MeetingSha256 = "sha", CreatedAt = at, UpdatedAt = at, StepStartedAt = at,
        };
        await PublicationStore.Insert(h.Services, row);
        return row;
    }

    [Fact]
    public async Task A_step_started_right_after_its_command_writes_no_heartbeat_at_start()
    {
        var fresh = await InStep(TimeSpan.FromSeconds(1));

        await using (await Lease().Hold(fresh, CancellationToken.None))
        {
        }

        Assert.Null((await h.Find(fresh.CorrelationId))!.StepHeartbeatAt);
    }

    [Fact]
    public async Task A_step_whose_command_waited_writes_its_heartbeat_at_start()
    {
        var waited = await InStep(StuckAfter / 3 + TimeSpan.FromMinutes(1));

        await using (await Lease().Hold(waited, CancellationToken.None))
        {
        }

        var heartbeat = (await h.Find(waited.CorrelationId))!.StepHeartbeatAt;
        Assert.NotNull(heartbeat);
        Assert.True(heartbeat > waited.UpdatedAt);
    }
}
