using Scalar.AspNetCore;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Api.Console;
using TeamRetro.Confluence.Api.Demo;
using TeamRetro.Confluence.Api.Integrations;
using TeamRetro.Confluence.Api.Publications;
using TeamRetro.Confluence.Api.Health;
using TeamRetro.Confluence.Worker;

var builder = WebApplication.CreateBuilder(args);

// Embedded default: the Api hosts the worker in-process. Beside a separate Worker service, set Api:HostWorker=false.
if (builder.Configuration.GetValue("Api:HostWorker", true))
    builder.Services.AddPublicationWorker(builder.Configuration);
else
    builder.Services.AddPublicationPublisher(builder.Configuration);
builder.Services.AddPublicationHealthChecks();
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.AddApiAuthentication();
builder.Services.AddRazorPages(pages =>
{
    pages.RootDirectory = "/Console";
    pages.Conventions.AuthorizeFolder("/", AuthRegistration.ConsolePolicy);
    pages.Conventions.AllowAnonymousToPage("/Login");
});
builder.Services.AddScoped<ConsoleSignIn>();
builder.AddDemo();

var app = builder.Build();

app.UseExceptionHandler();   // an unexpected error answers problem details, never a stack trace
app.UseStatusCodePages();    // bodiless 4xx (401, 404, 405, 415...) answer problem details too

app.UseAuthentication();
app.UseAuthorization();
app.MapPublicationHealthChecks();
app.MapOpenApi().AllowAnonymous();                   // /openapi/v1.json
app.MapScalarApiReference().AllowAnonymous();        // /scalar: a browsable reference
app.MapDevelopmentTokens();
app.MapPublications();
app.MapIntegrations();
app.MapDemo();
app.MapRazorPages();                                 // /console: the admin console over the same handlers

app.Run();

public partial class Program;
