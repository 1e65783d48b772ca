using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Tests.Shared.SagaConcurrency;

namespace TeamRetro.Confluence.Worker.Tests.Persistence;

public sealed class SqliteSagaRepositoryTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("teamretro-sqlite-").FullName;

    string ConnectionString => $"Data Source={Path.Combine(directory, "sagas.db")};Default Timeout=60";

    [Fact]
    public Task Concurrent_messages_for_one_saga_never_lose_an_update() =>
        SagaConcurrencyScenarios.Concurrent_messages_never_lose_an_update(o => o.UseSqlite(ConnectionString), expectConflicts: false);

    [Fact]
    public async Task Second_writer_of_a_stale_row_is_refused()
    {
        var options = new DbContextOptionsBuilder<SqlitePublicationDbContext>().UseSqlite(ConnectionString).Options;
        await using (var db = new SqlitePublicationDbContext(options))
            await db.Database.MigrateAsync();

        await SagaConcurrencyScenarios.Second_writer_of_a_stale_row_is_refused(() => new SqlitePublicationDbContext(options));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
