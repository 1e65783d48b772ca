namespace TeamRetro.Confluence.Publishing.Persistence;

/// <summary>Applies migrations at start when <c>Database:MigrateOnStartup</c> is true (the default).</summary>
public sealed class DatabaseMigrator(IServiceProvider services, IConfiguration configuration, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Database:MigrateOnStartup", true))
            return;
        logger.LogInformation("Applying database migrations ({Provider})", configuration["Database:Provider"] ?? "Sqlite");
        await services.MigratePublicationDatabaseAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
