using System.Reflection;
using MassTransit;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Api.Publications;

/// <summary>
/// The saga's state names as the Api and the console read them, taken from the state machine's own properties so a
/// renamed or added state reaches here through the compiler. The single place in src/Api to point at
/// src/Publishing's <c>PublicationStates</c> constants once they exist.
/// </summary>
public static class PublicationStateNames
{
    public const string Failed = nameof(ReportPublicationStateMachine.Failed);
    public const string Published = nameof(ReportPublicationStateMachine.Published);
    public const string Cancelled = nameof(ReportPublicationStateMachine.Cancelled);

    /// <summary>Every state a publication can be in: the settled ones first, then the steps in the machine's order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Failed, Published, Cancelled,
        .. typeof(ReportPublicationStateMachine).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(p => p.PropertyType == typeof(State))
            .Select(p => p.Name)
            .Except([Failed, Published, Cancelled]),
    ];

    /// <summary>Nothing is left to do: neither replay nor cancel applies.</summary>
    public static bool IsFinished(string state) => state is Published or Cancelled;
}
