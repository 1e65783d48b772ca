using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Integration.Tests.Infrastructure;
using TeamRetro.Confluence.Tests.Shared.SagaConcurrency;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Integration.Tests.Persistence;

public sealed class PostgresSagaRepositoryTests : IAsyncLifetime
{
    readonly PostgresFixture postgres = new();

    public Task InitializeAsync() => postgres.InitializeAsync();

    public Task DisposeAsync() => postgres.DisposeAsync();

    [Fact]
    public Task Concurrent_messages_for_one_saga_never_lose_an_update() =>
        SagaConcurrencyScenarios.Concurrent_messages_never_lose_an_update(o => o.UseNpgsql(postgres.ConnectionString), expectConflicts: true);

    [Fact]
    public async Task Migrations_apply_and_a_stale_writer_is_refused()
    {
        var options = new DbContextOptionsBuilder<PostgresPublicationDbContext>().UseNpgsql(postgres.ConnectionString).Options;
        await using (var db = new PostgresPublicationDbContext(options))
        {
            await db.Database.MigrateAsync();
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        await SagaConcurrencyScenarios.Second_writer_of_a_stale_row_is_refused(() => new PostgresPublicationDbContext(options));
    }
}
