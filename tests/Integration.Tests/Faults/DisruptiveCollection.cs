namespace TeamRetro.Confluence.Integration.Tests.Faults;

/// <summary>
/// Tests that stop the shared RabbitMQ or PostgreSQL server, or load the machine with hundreds of meetings: xunit runs
/// this collection alone, after the parallel ones, so no other test sees the outage.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DisruptiveCollection
{
    public const string Name = "Disruptive";
}
