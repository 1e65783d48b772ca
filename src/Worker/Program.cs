using TeamRetro.Confluence.Worker;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddPublicationWorker(builder.Configuration);
builder.Build().Run();
