using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Tests.Shared;

/// <summary>
/// Several services starting together on one empty database: each has its own service provider (its own connection
/// pool and DbContext), as separate processes would, and all call the start-up migration at the same moment.
/// </summary>
public static class ConcurrentMigration
{
    public static async Task MigrateAtOnce(IDictionary<string, string?> settings, int services = 4)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var providers = Enumerable.Range(0, services)
            .Select(_ => new ServiceCollection().AddLogging().AddPublicationPersistence(configuration).BuildServiceProvider())
            .ToList();
        try
        {
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var migrations = providers.Select(p => Task.Run(async () =>
            {
                await go.Task;
                await p.MigratePublicationDatabaseAsync();
            })).ToList();
            go.SetResult();
            await Task.WhenAll(migrations);
        }
        finally
        {
            foreach (var provider in providers)
                await provider.DisposeAsync();
        }
    }

    /// <summary>Every migration applied once, none pending, and the tables (with the last migration's column) readable.</summary>
    public static async Task AssertSchemaComplete(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var provider = new ServiceCollection().AddLogging().AddPublicationPersistence(configuration).BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.Publications.CountAsync(p => p.History != null));
        Assert.Equal(0, await db.Integrations.CountAsync());
    }
}
