namespace TeamRetro.Confluence.Api.Outcomes;

/// <summary>
/// Why a use case did not do what was asked. A caller who may not act for a tenant gets <see cref="NotFoundRefusal"/>,
/// like a missing row, so ids do not leak: that is why there is no "forbidden".
/// </summary>
public abstract record Refusal;

public sealed record NotFoundRefusal : Refusal;

/// <param name="Extensions">Extra members of the problem details (a template's line and column), when there are any.</param>
public sealed record InvalidRefusal(string Field, string Message, IReadOnlyDictionary<string, object?>? Extensions = null) : Refusal;

/// <summary>The action does not apply to the resource as it is now (replaying a publication that has not failed).</summary>
public sealed record ConflictRefusal(string Message) : Refusal;
