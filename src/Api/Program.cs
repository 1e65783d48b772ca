using TeamRetro.Confluence.Api.Demo;
using TeamRetro.Confluence.Api.Health;
using TeamRetro.Confluence.Worker;
using TeamRetro.Confluence.Worker.Messaging;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddPublicationServices(builder.Configuration);
// Embedded default: the Api hosts the worker in-process. With a separate Worker service, set Api:HostWorker=false.
builder.Services.AddPublicationMessaging(builder.Configuration, hostWorker: builder.Configuration.GetValue("Api:HostWorker", true));
builder.Services.AddPublicationHealthChecks();
builder.AddDemo();

var app = builder.Build();

app.MapPublicationHealthChecks();
app.MapDemo();

app.Run();

public partial class Program;
