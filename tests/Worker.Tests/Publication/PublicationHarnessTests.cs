using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

/// <summary>A fresh <see cref="PublicationHarness"/> (worker, database, emulated Data Center) for each test.</summary>
public abstract class PublicationHarnessTests : IAsyncLifetime
{
    protected PublicationHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync() => Harness = await PublicationHarness.StartAsync();

    public async Task DisposeAsync() => await Harness.DisposeAsync();

    protected MeetingCompleted Meeting(Guid? meetingId = null) => Harness.Meeting(meetingId);

    protected static Guid IdOf(MeetingCompleted meeting) => PublicationHarness.IdOf(meeting);
}
