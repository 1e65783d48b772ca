using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace TeamRetro.Confluence.Api.Problems;

/// <summary>
/// A body, route value or query value the endpoint cannot bind: its own 4xx as problem details. An unreadable JSON
/// property (a wrong type, an unknown enum name) answers a validation problem under that property's name, with the
/// allowed names for an enum. The offending value is never echoed.
/// </summary>
public sealed class UnreadableRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
            return false;
        httpContext.Response.StatusCode = bad.StatusCode;
        var json = InnerJsonException(bad);
        ProblemDetails problem = json?.Path is { } path && Field(path) is { } field
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [Expected(httpContext, field)] })
            {
                Status = bad.StatusCode,
                Detail = "The request body has a value that cannot be read.",
            }
            : new ProblemDetails
            {
                Status = bad.StatusCode,
                Detail = json is null ? bad.Message : "The request body is not valid JSON for this endpoint.",
            };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    static JsonException? InnerJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
                return json;
        }

        return null;
    }

    /// <summary>"$.authKind" → "authKind"; the root ("$") names no field.</summary>
    static string? Field(string path) => path.StartsWith("$.", StringComparison.Ordinal) && path.Length > 2 ? path[2..] : null;

    /// <summary>What the field takes, from the endpoint's declared body type: the names of an enum, or the type.</summary>
    static string Expected(HttpContext httpContext, string field)
    {
        // The exception handler has cleared the request's endpoint; its feature keeps the one that threw.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var body = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var property = body?.GetProperty(field, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null)
            return "This value cannot be read as the field's type.";
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type.IsEnum
            ? $"Not a known value: use one of {string.Join(", ", Enum.GetNames(type))}."
            : $"This value cannot be read as {(type == typeof(string) ? "a string" : type.Name)}.";
    }
}
