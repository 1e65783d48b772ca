using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace TeamRetro.Confluence.Publishing.Persistence.SagaRepository;

public static class EfSagaRepositoryRegistration
{
    /// <summary>Persists the saga with our EF Core repository on the scoped <see cref="PublicationDbContext"/>.</summary>
    public static ISagaRegistrationConfigurator<TSaga> UseEfCoreRepository<TSaga>(this ISagaRegistrationConfigurator<TSaga> configurator)
        where TSaga : class, ISaga, ISagaVersion
    {
        configurator.Repository(r =>
        {
            r.RegisterLoadSagaRepository<TSaga, EfSagaRepositoryContextFactory<TSaga>>();
            r.RegisterQuerySagaRepository<TSaga, EfSagaRepositoryContextFactory<TSaga>>();
            r.RegisterSagaRepository<TSaga, DbContext, SagaConsumeContextFactory<DbContext, TSaga>, EfSagaRepositoryContextFactory<TSaga>>();
        });
        return configurator;
    }
}
