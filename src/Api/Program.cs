using Scalar.AspNetCore;
using TeamRetro.Confluence.Api;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Api.Console;
using TeamRetro.Confluence.Api.Demo;
using TeamRetro.Confluence.Api.Integrations;
using TeamRetro.Confluence.Api.Problems;
using TeamRetro.Confluence.Api.Publications;
using TeamRetro.Confluence.Api.Health;
using TeamRetro.Confluence.Api.Telemetry;
using TeamRetro.Confluence.Publishing;

var builder = WebApplication.CreateBuilder(args);

var host = builder.Configuration.GetSection(ApiHostOptions.Section).Get<ApiHostOptions>() ?? new ApiHostOptions();
if (host.HostWorker)                                 // the embedded default: the saga and its steps run in-process
    builder.Services.AddPublicationWorker(builder.Configuration);
else
    builder.Services.AddPublicationPublisher(builder.Configuration);
builder.AddApiTelemetry();                           // traces and metrics; /metrics when Telemetry:Prometheus
builder.Services.AddPublicationHealthChecks();
builder.AddApiJson();                                // enums by name; unreadable requests answer problem details naming the field
builder.Services.AddOpenApi();
builder.AddApiAuthentication();
builder.Services.AddUseCases();                      // what the endpoints and the console pages both call
builder.Services.AddRazorPages(pages =>
{
    pages.RootDirectory = "/Console";
    pages.Conventions.AuthorizeFolder("/", AuthRegistration.ConsolePolicy);
    pages.Conventions.AllowAnonymousToPage("/Login");
});
builder.Services.AddScoped<ConsoleSignIn>();
builder.AddDemo();

var app = builder.Build();

// Every error answer is problem details: exceptions (500, without details) and answers that carry no body of their
// own (401 and 403 from authentication, 404, 405, 415). A request the endpoint cannot bind is thrown as
// BadHttpRequestException (RouteHandlerOptions.ThrowOnBadRequest is on in every environment, see ApiJson): it keeps
// its 4xx, and UnreadableRequestHandler names the field.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealth();                                     // /health/live, /health/ready (anonymous)
app.MapApiTelemetry();                               // /metrics (anonymous, like the health checks)
app.MapOpenApi().AllowAnonymous();                   // /openapi/v1.json
app.MapScalarApiReference().AllowAnonymous();        // /scalar: a browsable reference
app.MapDevelopmentTokens();
app.MapPublications();
app.MapIntegrations();
app.MapIntegrationSettings();
app.MapDemo();
app.MapRazorPages();                                 // /console: the admin console over the same use cases

app.Run();

public partial class Program;
