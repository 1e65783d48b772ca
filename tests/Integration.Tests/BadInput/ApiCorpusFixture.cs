using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Integration.Tests.Api;
using TeamRetro.Confluence.Integration.Tests.Infrastructure;
using TeamRetro.Confluence.Tests.Shared;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Integration.Tests.BadInput;

/// <summary>
/// The real Api host with the production network rules (https only, no internal addresses), tenant A with an
/// integration and tenant B with an integration and a failed publication, for the Api half of the corpus.
/// </summary>
public sealed class ApiCorpusFixture : IAsyncLifetime
{
    readonly PostgresFixture postgres = new();
    readonly RabbitMqFixture rabbit = new();
    readonly string keys = Directory.CreateTempSubdirectory("teamretro-corpus-keys-").FullName;
    ConfluenceEmulator emulator = null!;

    public AdminApiFactory Api { get; private set; } = null!;
    public ApiContext Context { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(postgres.InitializeAsync(), rabbit.InitializeAsync());
        emulator = await ConfluenceEmulator.StartAsync(new EmulatorOptions { Users = [new EmulatorUser("publisher", "right-password")] });
        Api = new AdminApiFactory(postgres, rabbit, keys, new Dictionary<string, string?>
        {
            ["Confluence:AllowHttp"] = "false",
            ["Confluence:AllowPrivateNetworks"] = "false",
        });
        _ = Api.Server;

        var tenantA = Guid.NewGuid();
        var tenantB = Guid.NewGuid();
        foreach (var tenant in new[] { tenantA, tenantB })
            await PublicationStore.ConfigureIntegration(Api.Services, tenant, emulator.BaseUrl, "publisher", CorpusSecrets.Use("right-password"), "TEAM");

        // Tenant B's publication: an event with an unknown kind fails at once, without calling Confluence.
        var meeting = ReportSamples.Retrospective(tenantB, Guid.NewGuid(), DateTimeOffset.UtcNow) with { Kind = (MeetingKind)7 };
        await Api.Services.GetRequiredService<IBus>().Publish(meeting);
        var publication = PublicationId.For(tenantB, meeting.MeetingId);
        await PublicationStore.WaitFor(Api.Services, publication, p => p.CurrentState == "Failed", "Failed");
        Context = new ApiContext(tenantA, tenantB, publication);
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await emulator.DisposeAsync();
        await Task.WhenAll(postgres.DisposeAsync(), rabbit.DisposeAsync());
        try { Directory.Delete(keys, recursive: true); } catch (IOException) { }
    }
}
