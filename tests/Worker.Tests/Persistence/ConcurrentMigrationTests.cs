using Microsoft.Data.Sqlite;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Worker.Tests.Persistence;

/// <summary>The Api and the Worker (or several replicas) starting together on one empty SQLite file.</summary>
public sealed class ConcurrentMigrationTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("teamretro-migrate-").FullName;

    [Fact]
    public async Task Four_services_migrating_an_empty_SQLite_file_at_once_all_succeed_with_the_whole_schema()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Publications"] = $"Data Source={Path.Combine(directory, "data", "publications.db")}",
        };

        await ConcurrentMigration.MigrateAtOnce(settings);

        await ConcurrentMigration.AssertSchemaComplete(settings);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
