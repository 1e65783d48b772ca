using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Worker.Tests.Publication;

public sealed class PublicationStatesTests
{
    readonly ReportPublicationStateMachine machine = new(TimeProvider.System);

    [Fact]
    public void Every_state_of_the_machine_has_its_constant_and_no_constant_lacks_a_state()
    {
        var machineStates = machine.States.Select(s => s.Name).Except(["Initial", "Final"]).Order();
        Assert.Equal(PublicationStates.All.Order(), machineStates);
    }

    [Fact]
    public void Every_step_the_machine_sends_has_a_state_that_counts_as_in_step()
    {
        Assert.Equal(PublicationStates.InStep.Order(), machine.Steps.Select(s => s.State.Name).Order());
    }
}
