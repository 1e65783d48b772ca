using Npgsql;

namespace TeamRetro.Confluence.Integration.Tests.Infrastructure;

/// <summary>
/// A fresh database of its own on the real PostgreSQL server (TEAMRETRO_TEST_POSTGRES, started by scripts/test.sh),
/// dropped at the end, so tests run in parallel without seeing each other's rows.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    static readonly string Server = Environment.GetEnvironmentVariable("TEAMRETRO_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    readonly string database = "teamretro_test_" + Guid.NewGuid().ToString("N")[..16];

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = database, Pooling = true }.ConnectionString;

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
