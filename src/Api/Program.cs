using TeamRetro.Confluence.Api.Demo;
using TeamRetro.Confluence.Api.Health;
using TeamRetro.Confluence.Worker;

var builder = WebApplication.CreateBuilder(args);

// Embedded default: the Api hosts the worker in-process. Beside a separate Worker service, set Api:HostWorker=false.
if (builder.Configuration.GetValue("Api:HostWorker", true))
    builder.Services.AddPublicationWorker(builder.Configuration);
else
    builder.Services.AddPublicationPublisher(builder.Configuration);
builder.Services.AddPublicationHealthChecks();
builder.AddDemo();

var app = builder.Build();

app.MapPublicationHealthChecks();
app.MapDemo();

app.Run();

public partial class Program;
