using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Persistence;

namespace TeamRetro.Confluence.Api.Demo;

/// <summary>Creates (or refreshes) the demo tenant's integration, pointing at the local emulator.</summary>
public sealed class DemoTenantSeeder(IServiceScopeFactory scopes, IOptions<DemoOptions> options, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var demo = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        var secrets = scope.ServiceProvider.GetRequiredService<SecretProtector>();

        var integration = await db.Integrations.SingleOrDefaultAsync(i => i.TenantId == demo.TenantId, cancellationToken);
        if (integration is null)
        {
            integration = new ConfluenceIntegration { TenantId = demo.TenantId, CreatedAt = clock.GetUtcNow() };
            db.Integrations.Add(integration);
        }

        integration.AuthKind = ConfluenceAuthKind.ServerBasic;
        integration.BaseUrl = demo.ConfluenceBaseUrl.AbsoluteUri;
        integration.Username = demo.Username;
        integration.EncryptedSecret = secrets.Protect(demo.Password);
        integration.SpaceKey = demo.SpaceKey;
        integration.Enabled = true;
        integration.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
