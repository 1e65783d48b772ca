namespace TeamRetro.Confluence.Worker.Tests.Publication.StateMachine;

/// <summary>A fresh machine, bus and repository for each spec.</summary>
public abstract class StateMachineSpec : IAsyncLifetime
{
    protected StateMachineHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync() => Harness = await StateMachineHarness.StartAsync();

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}
