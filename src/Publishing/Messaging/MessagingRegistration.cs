using System.Text.Json.Serialization;
using MassTransit;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Persistence.SagaRepository;
using TeamRetro.Confluence.Publishing.Publication;
using TeamRetro.Confluence.Publishing.Steps;

namespace TeamRetro.Confluence.Publishing.Messaging;

public static class MessagingRegistration
{
    /// <summary>The saga and the step consumers: shared by the hosts and by the saga tests on MassTransit's harness.</summary>
    public static void AddPublicationComponents(this IBusRegistrationConfigurator bus, bool inMemorySagas = false)
    {
        var saga = bus.AddSagaStateMachine<ReportPublicationStateMachine, ReportPublication, ReportPublicationStateMachineDefinition>();
        if (inMemorySagas)
            saga.InMemoryRepository();
        else
            saga.UseEfCoreRepository(bus);
        bus.AddConsumer<ResolveSpaceConsumer, StepConsumerDefinition<ResolveSpaceConsumer, ResolveSpace>>();
        bus.AddConsumer<EnsureParentPageConsumer, StepConsumerDefinition<EnsureParentPageConsumer, EnsureParentPage>>();
        bus.AddConsumer<PublishReportPageConsumer, StepConsumerDefinition<PublishReportPageConsumer, PublishReportPage>>();
        bus.AddConsumer<UploadReportPdfConsumer, StepConsumerDefinition<UploadReportPdfConsumer, UploadReportPdf>>();
        bus.AddConsumer<MarkReportIncompleteConsumer, StepConsumerDefinition<MarkReportIncompleteConsumer, MarkReportIncomplete>>();
    }

    /// <param name="hostWorker">False for a host that only publishes (the Api beside a separate Worker).</param>
    public static IServiceCollection AddPublicationMessaging(this IServiceCollection services, IConfiguration configuration, bool hostWorker)
    {
        var options = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        services.Configure<MessagingOptions>(configuration.GetSection(MessagingOptions.Section));

        // Without WaitUntilStarted, messages published right after start on a fresh broker were lost before the bindings existed.
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });

        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            if (hostWorker)
                bus.AddPublicationComponents(options.UsesInMemorySagas);

            if (options.UsesRabbitMq)
            {
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(options.RabbitMqUrl);
                    cfg.UseWireFormatJson();
                    cfg.WithoutPrioritiesOnErrorQueues();
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.UseWireFormatJson();
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        return services;
    }

    /// <summary>
    /// How JSON on the wire is read (MassTransit's options, envelope and raw alike; docs/wire-format.md): enums travel as
    /// names ("HealthCheck") and are read from names or numbers, as publishers in other languages send either; a lone
    /// surrogate in a string becomes U+FFFD.
    /// </summary>
    public static void UseWireFormatJson(this IBusFactoryConfigurator cfg) =>
        cfg.ConfigureJsonSerializerOptions(options =>
        {
            if (!options.Converters.OfType<JsonStringEnumConverter>().Any())
                options.Converters.Add(new JsonStringEnumConverter());
            if (!options.Converters.OfType<LoneSurrogateStringConverter>().Any())
                options.Converters.Insert(0, new LoneSurrogateStringConverter());
            return options;
        });
}
