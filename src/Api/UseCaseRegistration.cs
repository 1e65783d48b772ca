using TeamRetro.Confluence.Api.Integrations;
using TeamRetro.Confluence.Api.Publications;

namespace TeamRetro.Confluence.Api;

/// <summary>The use cases the endpoints and the console pages share, per request (they act as the signed-in admin).</summary>
public static class UseCaseRegistration
{
    public static IServiceCollection AddUseCases(this IServiceCollection services)
    {
        services.AddScoped<PublicationQueries>();
        services.AddScoped<PublicationActions>();
        services.AddScoped<IntegrationAccess>();
        services.AddScoped<TenantIntegrations>();
        services.AddScoped<IntegrationCredentials>();
        services.AddScoped<CloudConnection>();
        services.AddSingleton<CloudConnectState>();
        services.AddScoped<ReportFormatting>();
        services.AddScoped<IntegrationSettings>();
        return services;
    }
}
