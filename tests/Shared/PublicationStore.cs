using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Tests.Shared;

/// <summary>Test access to what the worker stores: integrations to seed, publications to poll. Linked into each test project.</summary>
public static class PublicationStore
{
    /// <param name="baseUrl">The site: an emulator's <c>SiteUrl</c>; its product decides the authentication (basic on both).</param>
    public static Task ConfigureIntegration(IServiceProvider services, Guid tenantId, Uri baseUrl, string user, string password,
        string spaceKey, Action<ConfluenceIntegration>? change = null, ConfluenceAuthKind authKind = ConfluenceAuthKind.ServerBasic) =>
        SaveIntegration(services, tenantId, (integration, secrets) =>
        {
            integration.AuthKind = authKind;
            integration.BaseUrl = baseUrl.AbsoluteUri;
            integration.Username = user;
            integration.EncryptedSecret = secrets.Protect(password);
            integration.SpaceKey = spaceKey;
            change?.Invoke(integration);
        });

    /// <summary>Creates or changes the tenant's integration as an admin would have left it.</summary>
    public static async Task SaveIntegration(IServiceProvider services, Guid tenantId, Action<ConfluenceIntegration, SecretProtector> write)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        var integration = await db.Integrations.SingleOrDefaultAsync(i => i.TenantId == tenantId);
        if (integration is null)
        {
            integration = new ConfluenceIntegration { TenantId = tenantId, CreatedAt = DateTimeOffset.UtcNow };
            db.Integrations.Add(integration);
        }

        write(integration, scope.ServiceProvider.GetRequiredService<SecretProtector>());
        integration.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
    }

    public static async Task<ReportPublication?> Find(IServiceProvider services, Guid publicationId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        return await db.Publications.AsNoTracking().SingleOrDefaultAsync(p => p.CorrelationId == publicationId);
    }

    /// <summary>Stores a publication row as-is, for tests about reading them (paging, filters) rather than producing them.</summary>
    public static async Task Insert(IServiceProvider services, ReportPublication publication)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        db.Publications.Add(publication);
        await db.SaveChangesAsync();
    }

    public static async Task<List<ReportPublication>> All(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PublicationDbContext>();
        return await db.Publications.AsNoTracking().ToListAsync();
    }

    /// <summary>Polls the database with a deadline: a harness can report a message consumed before the saga row is committed.</summary>
    public static async Task<ReportPublication> WaitFor(IServiceProvider services, Guid publicationId, Func<ReportPublication, bool> condition,
        string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        ReportPublication? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = await Find(services, publicationId);
            if (last is not null && condition(last))
                return last;
            await Task.Delay(25);
        }

        throw new TimeoutException(
            $"Publication {publicationId} never became {what}. Last seen: state={last?.CurrentState}, step={last?.CurrentStep}, error={last?.LastError}");
    }

    /// <summary>Waits until every given publication satisfies the condition.</summary>
    public static async Task<List<ReportPublication>> WaitForAll(IServiceProvider services, IReadOnlyCollection<Guid> ids,
        Func<ReportPublication, bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        List<ReportPublication> matching = [];
        while (DateTime.UtcNow < deadline)
        {
            matching = (await All(services)).Where(p => ids.Contains(p.CorrelationId) && condition(p)).ToList();
            if (matching.Count == ids.Count)
                return matching;
            await Task.Delay(50);
        }

        var others = (await All(services)).Where(p => ids.Contains(p.CorrelationId) && !condition(p))
            .GroupBy(p => $"{p.CurrentState}/{p.CurrentStep} v{p.PageVersion}: {p.LastError}").Select(g => $"{g.Count()} × {g.Key}");
        throw new TimeoutException($"Only {matching.Count} of {ids.Count} publications became {what} in {timeout}. The others: {string.Join("; ", others)}");
    }
}
