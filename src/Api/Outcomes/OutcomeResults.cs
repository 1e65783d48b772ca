using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TeamRetro.Confluence.Api.Outcomes;

/// <summary>
/// Outcomes as the Api answers them: NotFound 404, Invalid a validation problem naming the field (400), Conflict a
/// problem saying why (409). Each endpoint picks the mapping whose typed results its OpenAPI entry lists.
/// </summary>
public static class OutcomeResults
{
    public static Results<Ok<T>, NotFound> OkOrNotFound<T>(this Outcome<T> outcome) => outcome.Refusal switch
    {
        null => TypedResults.Ok(outcome.Value!),
        NotFoundRefusal => TypedResults.NotFound(),
        var other => throw Unexpected(other),
    };

    public static Results<Ok<T>, ValidationProblem> OkOrInvalid<T>(this Outcome<T> outcome) => outcome.Refusal switch
    {
        null => TypedResults.Ok(outcome.Value!),
        InvalidRefusal invalid => invalid.ToValidationProblem(),
        var other => throw Unexpected(other),
    };

    public static Results<Ok<T>, NotFound, ValidationProblem> OkOrRefused<T>(this Outcome<T> outcome) => outcome.Refusal switch
    {
        null => TypedResults.Ok(outcome.Value!),
        NotFoundRefusal => TypedResults.NotFound(),
        InvalidRefusal invalid => invalid.ToValidationProblem(),
        var other => throw Unexpected(other),
    };

    public static Results<Ok, NotFound, ValidationProblem> OkOrRefused(this Outcome<Done> outcome) => outcome.Refusal switch
    {
        null => TypedResults.Ok(),
        NotFoundRefusal => TypedResults.NotFound(),
        InvalidRefusal invalid => invalid.ToValidationProblem(),
        var other => throw Unexpected(other),
    };

    public static Results<Accepted, NotFound, ProblemHttpResult> AcceptedOrRefused(this Outcome<Done> outcome, string location) => outcome.Refusal switch
    {
        null => TypedResults.Accepted(location),
        NotFoundRefusal => TypedResults.NotFound(),
        ConflictRefusal conflict => TypedResults.Problem(conflict.Message, statusCode: StatusCodes.Status409Conflict),
        var other => throw Unexpected(other),
    };

    public static Results<NoContent, NotFound> NoContentOrNotFound(this Outcome<Done> outcome) => outcome.Refusal switch
    {
        null => TypedResults.NoContent(),
        NotFoundRefusal => TypedResults.NotFound(),
        var other => throw Unexpected(other),
    };

    static ValidationProblem ToValidationProblem(this InvalidRefusal invalid) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [invalid.Field] = [invalid.Message] }, extensions: invalid.Extensions);

    static UnreachableException Unexpected(Refusal refusal) => new($"This endpoint does not answer {refusal.GetType().Name}.");
}
