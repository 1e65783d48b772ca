using TeamRetro.Confluence.Integration.Tests.Infrastructure;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Integration.Tests.Persistence;

/// <summary>
/// The Api and the Worker starting together on an empty PostgreSQL database (issue item 15: one of them crashed with
/// 42701 "column History already exists" because both applied the same migration).
/// </summary>
public sealed class ConcurrentMigrationTests : IAsyncLifetime
{
    readonly PostgresFixture postgres = new();

    public Task InitializeAsync() => postgres.InitializeAsync();

    public Task DisposeAsync() => postgres.DisposeAsync();

    [Fact]
    public async Task Four_services_migrating_an_empty_PostgreSQL_database_at_once_all_succeed_with_the_whole_schema()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Publications"] = postgres.ConnectionString,
        };

        await ConcurrentMigration.MigrateAtOnce(settings);

        await ConcurrentMigration.AssertSchemaComplete(settings);
    }
}
