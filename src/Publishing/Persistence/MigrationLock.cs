using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace TeamRetro.Confluence.Publishing.Persistence;

/// <summary>
/// One database-wide lock held around the whole start-up migration, so the Api, the Worker and their replicas can start
/// together on an empty database (issue item 15). EF Core's own migration lock is not enough on every provider: with
/// Npgsql it is <c>LOCK TABLE "__EFMigrationsHistory"</c> inside each migration's transaction, released at every
/// commit, while the list of pending migrations is read before it is taken; a second service that read "InitialCreate
/// applied, StepHistoryAndCancel pending" waited for the lock and then applied StepHistoryAndCancel again (42701
/// "column History already exists"). This lock is per session or per file, not per transaction, and is taken before
/// EF Core reads anything:
/// PostgreSQL <c>pg_advisory_lock</c> on a fixed key (advisory locks are per database), SQL Server <c>sp_getapplock</c>
/// owned by the session, SQLite an exclusive lock on a file beside the database (released by the OS if the process dies).
/// </summary>
public static class MigrationLock
{
    /// <summary>"TRCMIGR1" as a 64-bit key; any fixed number would do, as long as nothing else in the database uses it.</summary>
    const string PostgresLock = "SELECT pg_advisory_lock(6075992846497174065)";
    const string PostgresUnlock = "SELECT pg_advisory_unlock(6075992846497174065)";
    const string SqlServerLock = """
        DECLARE @result int;
        EXEC @result = sp_getapplock @Resource = 'TeamRetro.Confluence.Migrations', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1;
        SELECT @result;
        """;
    const string SqlServerUnlock = "EXEC sp_releaseapplock @Resource = 'TeamRetro.Confluence.Migrations', @LockOwner = 'Session'";

    /// <summary>Waits (without a command timeout: another service may be migrating) until this service holds the lock.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(DbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
            return await FileLock(db.Database.GetConnectionString(), ct);

        var (acquire, release) = db.Database.IsNpgsql() ? (PostgresLock, PostgresUnlock)
            : db.Database.IsSqlServer() ? (SqlServerLock, SqlServerUnlock)
            : throw new NotSupportedException($"No migration lock for {db.Database.ProviderName}.");
        await CreateDatabaseIfMissing(db, ct); // the lock lives inside the database, so it must exist first
        // Opened through EF Core, so the migrator runs on this same connection (the session that holds the lock).
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var result = await Execute(db.Database.GetDbConnection(), acquire, ct);
            if (result is int code && code < 0)
                throw new InvalidOperationException($"sp_getapplock refused the migration lock ({code}).");
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }

        return new Release(async () =>
        {
            try
            {
                await Execute(db.Database.GetDbConnection(), release, CancellationToken.None);
            }
            finally
            {
                await db.Database.CloseConnectionAsync(); // closing ends the session, which would release it anyway
            }
        });
    }

    /// <summary>What EF Core's migrator would do first; two services may race to create it, and the loser finds it there.</summary>
    static async Task CreateDatabaseIfMissing(DbContext db, CancellationToken ct)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(ct))
            return;
        try
        {
            await creator.CreateAsync(ct);
        }
        catch (DbException)
        {
            if (!await creator.ExistsAsync(ct))
                throw;
        }
    }

    static async Task<object?> Execute(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return await command.ExecuteScalarAsync(ct);
    }

    static async Task<IAsyncDisposable> FileLock(string? connectionString, CancellationToken ct)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
            return new Release(() => Task.CompletedTask);
        var path = Path.GetFullPath(dataSource) + ".migration-lock";
        while (true)
        {
            try
            {
                var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new Release(() => file.DisposeAsync().AsTask());
            }
            catch (IOException e) when (e is not (DirectoryNotFoundException or PathTooLongException or FileNotFoundException))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct); // another service holds it
            }
        }
    }

    sealed class Release(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }
}
