using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TeamRetro.Confluence.Publishing.Persistence;

// One subclass per provider so each keeps its own migrations folder; design-time factories let `dotnet ef` build
// migrations without a live database.

public sealed class SqlServerPublicationDbContext(DbContextOptions<SqlServerPublicationDbContext> options) : PublicationDbContext(options);

public sealed class PostgresPublicationDbContext(DbContextOptions<PostgresPublicationDbContext> options) : PublicationDbContext(options);

public sealed class SqlitePublicationDbContext(DbContextOptions<SqlitePublicationDbContext> options) : PublicationDbContext(options)
{
    /// <summary>SQLite cannot compare or order DateTimeOffset: store UTC ticks so the Api's and the sweeper's queries work.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerPublicationDbContext>
{
    public SqlServerPublicationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerPublicationDbContext>().UseSqlServer("Server=design-time;Database=design-time").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPublicationDbContext>
{
    public PostgresPublicationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPublicationDbContext>().UseNpgsql("Host=design-time").Options);
}

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePublicationDbContext>
{
    public SqlitePublicationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePublicationDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
