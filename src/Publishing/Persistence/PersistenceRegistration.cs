using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TeamRetro.Confluence.Publishing.Persistence;

public static class PersistenceRegistration
{
    public const string DefaultSqliteConnectionString = "Data Source=data/publications.db";

    /// <summary>
    /// Registers the provider chosen by <c>Database:Provider</c> (Sqlite, the default; Postgres; SqlServer) with
    /// <c>ConnectionStrings:Publications</c>, and <see cref="PublicationDbContext"/> resolving to it (scoped: one per message).
    /// </summary>
    public static IServiceCollection AddPublicationPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("Publications");

        switch (provider.ToUpperInvariant())
        {
            case "SQLSERVER":
                services.AddDbContext<SqlServerPublicationDbContext>(o => o.UseSqlServer(Required(connectionString, provider)));
                services.AddScoped<PublicationDbContext>(sp => sp.GetRequiredService<SqlServerPublicationDbContext>());
                break;
            case "POSTGRES":
            case "POSTGRESQL":
                services.AddDbContext<PostgresPublicationDbContext>(o => o.UseNpgsql(Required(connectionString, provider)));
                services.AddScoped<PublicationDbContext>(sp => sp.GetRequiredService<PostgresPublicationDbContext>());
                break;
            case "SQLITE":
                var sqlite = SqliteConnectionString(connectionString ?? DefaultSqliteConnectionString);
                services.AddDbContext<SqlitePublicationDbContext>(o => o.UseSqlite(sqlite));
                services.AddScoped<PublicationDbContext>(sp => sp.GetRequiredService<SqlitePublicationDbContext>());
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported: use Sqlite, Postgres or SqlServer.");
        }

        // Registered with the persistence, before messaging, so the schema exists before the bus starts consuming.
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    public static async Task MigratePublicationDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        await using var migrationLock = await MigrationLock.AcquireAsync(db, ct); // another service may be migrating right now
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets the Api read while the worker writes; it is a property of the database file, so set it once.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>Creates the database folder and makes concurrent writers wait for the lock instead of failing at once.</summary>
    static string SqliteConnectionString(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DefaultTimeout == 30)
            builder.DefaultTimeout = 60;
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (builder.DataSource != ":memory:" && !string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        return builder.ToString();
    }

    static string Required(string? connectionString, string provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException($"ConnectionStrings:Publications is required for Database:Provider '{provider}'.")
            : connectionString;
}
