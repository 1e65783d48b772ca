using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Worker.Tests.Persistence;

/// <summary>One model, three providers: a model change without a migration for each provider fails here, not in production.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void Every_provider_has_a_migration_for_the_current_model()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite needs a migration");
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL needs a migration");
        Assert.False(sqlServer.Database.HasPendingModelChanges(), "SQL Server needs a migration");
        Assert.Equal(sqlite.Database.GetMigrations().Count(), sqlServer.Database.GetMigrations().Count());
        Assert.Equal(sqlite.Database.GetMigrations().Count(), postgres.Database.GetMigrations().Count());
    }
}
