namespace TeamRetro.Confluence.Api.Outcomes;

/// <summary>What a use case answered: its value, or the <see cref="Refusal"/> saying why not.</summary>
public readonly record struct Outcome<T>(T? Value, Refusal? Refusal)
{
    public bool IsOk => Refusal is null;

    /// <summary>An interface-typed value cannot convert implicitly: use <see cref="Outcome.Ok{T}"/>.</summary>
    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);
}

/// <summary>A use case that answers nothing but whether it was done.</summary>
public readonly record struct Done;

public static class Outcome
{
    public static NotFoundRefusal NotFound { get; } = new();

    public static Outcome<Done> Done => new(default(Done), null);

    public static Outcome<T> Ok<T>(T value) => new(value, null);

    public static InvalidRefusal Invalid(string field, string message) => new(field, message);

    public static ConflictRefusal Conflict(string message) => new(message);
}
