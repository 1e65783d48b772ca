using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TeamRetro.Confluence.Publishing.Persistence.Outbox;

namespace TeamRetro.Confluence.Publishing.Persistence.SagaRepository;

public static class EfSagaRepositoryRegistration
{
    /// <summary>
    /// Persists the saga with our EF Core repository on the scoped <see cref="PublicationDbContext"/>, with its
    /// transactional outbox (<see cref="PublicationOutbox"/>, delivered by <see cref="OutboxRelay"/>).
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> UseEfCoreRepository<TSaga>(this ISagaRegistrationConfigurator<TSaga> configurator,
        IServiceCollection services)
        where TSaga : class, ISaga, ISagaVersion
    {
        services.TryAddScoped<PublicationOutbox>();
        services.AddOutboxDelivery();
        configurator.Repository(r =>
        {
            r.RegisterLoadSagaRepository<TSaga, EfSagaRepositoryContextFactory<TSaga>>();
            r.RegisterQuerySagaRepository<TSaga, EfSagaRepositoryContextFactory<TSaga>>();
            r.RegisterSagaRepository<TSaga, DbContext, SagaConsumeContextFactory<DbContext, TSaga>, EfSagaRepositoryContextFactory<TSaga>>();
        });
        return configurator;
    }
}
