using System.Text.Json.Serialization;

namespace TeamRetro.Confluence.Api.Problems;

/// <summary>
/// How the Api reads and writes JSON: enums by name (numbers still bind, for existing clients), so the OpenAPI
/// document lists their values; and a request that cannot be bound answers a problem-details 400 naming the field.
/// </summary>
public static class ApiJson
{
    public static void AddApiJson(this WebApplicationBuilder builder)
    {
        // The OpenAPI document's schemas come from these options: with the converter, enums are strings with their names.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddProblemDetails();
        // Binding failures become BadHttpRequestException in every environment (not only Development), so that
        // UnreadableRequestHandler can say which field was wrong instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<UnreadableRequestHandler>();
    }
}
