using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Publishing.Persistence.Outbox;

namespace TeamRetro.Confluence.Publishing.Persistence.SagaRepository;

/// <summary>
/// MassTransit's three saga-repository factories over EF Core. Registered scoped, so the DbContext it gets is the
/// consuming message's own: one DbContext (and one unit of work) per message.
/// </summary>
public sealed class EfSagaRepositoryContextFactory<TSaga>(PublicationDbContext db, ISagaConsumeContextFactory<DbContext, TSaga> consumeContextFactory,
    OutboxRelay relay) :
    ISagaRepositoryContextFactory<TSaga>,
    ILoadSagaRepositoryContextFactory<TSaga>,
    IQuerySagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISaga, ISagaVersion
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next) where T : class
    {
        using var repositoryContext = new EfSagaRepositoryContext<TSaga, T>(db, context, consumeContextFactory, relay);
        await next.Send(repositoryContext);
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        using var repositoryContext = new EfSagaRepositoryContext<TSaga, T>(db, context, consumeContextFactory, relay);
        var matches = await db.Set<TSaga>().AsNoTracking().Where(query.FilterExpression).Select(s => s.CorrelationId).ToListAsync(context.CancellationToken);
        await next.Send(new DefaultSagaRepositoryQueryContext<TSaga, T>(repositoryContext, matches));
    }

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new EfSagaReadContext<TSaga>(db, cancellationToken));

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        asyncMethod(new EfSagaReadContext<TSaga>(db, cancellationToken));

    public void Probe(ProbeContext context) => context.Add("persistence", "entity-framework-core");
}
