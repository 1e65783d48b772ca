using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using TeamRetro.Confluence.Publishing.Persistence.Outbox;
using TeamRetro.Confluence.Publishing.Telemetry;

namespace TeamRetro.Confluence.Publishing.Persistence.SagaRepository;

/// <summary>
/// One message's view of the saga table. Optimistic concurrency: every update increments <see cref="ISagaVersion.Version"/>,
/// which EF uses as a concurrency token, so a save that lost a race (or an insert of an id that now exists) throws
/// <see cref="ConcurrencyException"/> and the endpoint's message retry runs the message again on fresh state.
/// </summary>
public sealed class EfSagaRepositoryContext<TSaga, TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>, IDisposable
    where TSaga : class, ISaga, ISagaVersion
    where TMessage : class
{
    readonly PublicationDbContext db;
    readonly ConsumeContext<TMessage> context;
    readonly ISagaConsumeContextFactory<DbContext, TSaga> factory;
    readonly OutboxRelay relay;

    public EfSagaRepositoryContext(PublicationDbContext db, ConsumeContext<TMessage> context, ISagaConsumeContextFactory<DbContext, TSaga> factory,
        OutboxRelay relay)
        : base(context, db)
    {
        this.db = db;
        this.context = context;
        this.factory = factory;
        this.relay = relay;
    }

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        factory.CreateSagaConsumeContext(db, context, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        var entry = db.Set<TSaga>().Add(instance);
        try
        {
            instance.Version = 1;
            await db.SaveChangesAsync(CancellationToken);
            return await factory.CreateSagaConsumeContext(db, context, instance, SagaConsumeContextMode.Insert);
        }
        catch (DbUpdateException e) when (SagaConflicts.IsDuplicateKey(e))
        {
            entry.State = EntityState.Detached; // it exists already: MassTransit will load it instead
            PublicationTelemetry.SagaConflict("insert");
            return null!;
        }
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await db.Set<TSaga>().AsTracking().SingleOrDefaultAsync(s => s.CorrelationId == correlationId, CancellationToken);
        return instance is null ? null! : await factory.CreateSagaConsumeContext(db, context, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context)
    {
        context.Saga.Version = 1;
        db.Set<TSaga>().Add(context.Saga);
        return SaveChanges();
    }

    public Task Update(SagaConsumeContext<TSaga> context)
    {
        // Ignored events load the saga without changing it: write (and claim a new version) only when something changed.
        db.ChangeTracker.DetectChanges();
        if (db.Entry(context.Saga).State == EntityState.Modified)
            context.Saga.Version++;
        return SaveChanges();
    }

    public Task Delete(SagaConsumeContext<TSaga> context)
    {
        db.Set<TSaga>().Remove(context.Saga);
        return SaveChanges();
    }

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public async Task Undo(SagaConsumeContext<TSaga> context)
    {
        var entry = db.ChangeTracker.Entries<TSaga>().FirstOrDefault(e => e.Entity.CorrelationId == context.Saga.CorrelationId);
        if (entry is not null)
            await entry.ReloadAsync(CancellationToken);
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        factory.CreateSagaConsumeContext(db, consumeContext, instance, mode);

    public void Dispose()
    {
    }

    /// <summary>The saga row and what it decided to send (<see cref="PublicationOutbox"/>) in one transaction; then the sends.</summary>
    async Task SaveChanges()
    {
        var outgoing = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        try
        {
            await db.SaveChangesAsync(CancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            PublicationTelemetry.SagaConflict("update");
            throw new ConcurrencyException($"Saga {typeof(TSaga).Name} was changed by another message; retrying on fresh state.", typeof(TSaga), Guid.Empty, e);
        }
        catch (DbUpdateException e) when (SagaConflicts.IsDuplicateKey(e))
        {
            PublicationTelemetry.SagaConflict("insert");
            throw new ConcurrencyException($"Saga {typeof(TSaga).Name} was created by another message; retrying on fresh state.", typeof(TSaga), Guid.Empty, e);
        }
        finally
        {
            // The retried attempt must read fresh rows, not what this context tracked.
            db.ChangeTracker.Clear();
        }

        if (outgoing.Count > 0)
            await relay.DeliverCommitted(outgoing, CancellationToken);
    }
}
