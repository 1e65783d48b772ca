using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Emulator;
using TeamRetro.Confluence.Integration.Tests.Infrastructure;
using TeamRetro.Confluence.Tests.Shared;

namespace TeamRetro.Confluence.Integration.Tests.Api;

/// <summary>The real Api host (hosting the worker) on real PostgreSQL and RabbitMQ, calling the emulator.</summary>
/// <param name="overrides">Settings that replace the defaults, e.g. the network rules the bad-input corpus turns back on.</param>
/// <param name="cloud">A Cloud emulator playing Atlassian's OAuth server and gateway, for Cloud connect; none by default.</param>
public sealed class AdminApiFactory(PostgresFixture postgres, RabbitMqFixture rabbit, string keys,
    IReadOnlyDictionary<string, string?>? overrides = null, ConfluenceEmulator? cloud = null)
    : WebApplicationFactory<Program>
{
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = InProcessWorker.Settings(postgres.ConnectionString, rabbit.Url, keys);
        settings["Auth:SigningKey"] = SigningKey;
        settings["Api:HostWorker"] = "true";
        if (cloud is not null)
        {
            settings["Atlassian:AuthBaseUrl"] = cloud.BaseUrl.AbsoluteUri;
            settings["Atlassian:ApiBaseUrl"] = cloud.BaseUrl.AbsoluteUri;
        }
        settings["Atlassian:ClientId"] = "client";
        settings["Atlassian:ClientSecret"] = "client-secret";
        settings["Atlassian:RedirectUri"] = "https://teamretro.example/callback";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            settings[key] = value;
        // UseSetting, not ConfigureAppConfiguration: Program reads these while registering services, before Build.
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureServices(s => s.AddSharedTestLogging());
    }

    public HttpClient ClientFor(Guid? tenantId, string role = ApiClaims.TenantAdminRole, string subject = "admin-a")
    {
        var client = CreateClient();
        var token = DevelopmentTokens.Issue(new ApiAuthOptions { SigningKey = SigningKey }, subject, role, tenantId);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
