using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TeamRetro.Confluence.Api.Auth;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Atlassian;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Integrations;
using TeamRetro.Confluence.Publishing.Persistence;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Api.Integrations;

/// <summary>Secrets are write-only: no response carries a password, token or ciphertext.</summary>
public sealed record IntegrationView(Guid TenantId, ConfluenceAuthKind AuthKind, ConfluenceApiProfile ApiProfile, string BaseUrl, string? Username,
    string SpaceKey, string? CloudId, string Status, string RetrospectiveParentTitle, string HealthCheckParentTitle,
    bool HasRetrospectiveTemplate, bool HasHealthCheckTemplate, DateTimeOffset UpdatedAt, IntegrationActivity Activity);

public sealed record ServerIntegrationRequest(string BaseUrl, ConfluenceAuthKind AuthKind, string? Username, string Secret, string SpaceKey,
    ConfluenceApiProfile ApiProfile = ConfluenceApiProfile.V1);

public sealed record CloudConnectRequest(ConfluenceApiProfile ApiProfile = ConfluenceApiProfile.CloudV2);

public sealed record CloudSiteRequest(string? CloudId, string? SpaceKey);

public sealed record TemplateRequest(string Template);

/// <param name="Pattern">With {team}, {title}, {kind}, {date}; null restores the default title.</param>
public sealed record TitlePatternRequest(string? Pattern);

/// <summary>A tenant's Confluence integration: Server / Data Center or Cloud API token credentials, the Cloud OAuth connect flow, templates.</summary>
public static class IntegrationsApi
{
    static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(10);

    public static RouteGroupBuilder MapIntegrations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tenants/{tenantId:guid}/integration").RequireAuthorization(AuthRegistration.AdminPolicy);
        group.MapGet("/", Get);
        group.MapPut("/credentials", PutCredentials);
        group.MapPost("/cloud/connect", StartCloudConnect);
        group.MapGet("/cloud/callback", CompleteCloudConnect);
        group.MapPut("/cloud/site", SelectCloudSite);
        group.MapPut("/templates/{kind}", PutTemplate);
        group.MapPut("/title-pattern", PutTitlePattern);
        group.MapPut("/enabled", PutEnabled);
        group.MapDelete("/", Delete);
        group.MapIntegrationSettings();
        return group;
    }

    internal static async Task<Results<Ok<IntegrationView>, NotFound>> Get(Guid tenantId, CurrentAdmin admin, PublicationDbContext db, CancellationToken ct)
    {
        if (!admin.CanAct(tenantId))
            return TypedResults.NotFound();
        var i = await db.Integrations.AsNoTracking().SingleOrDefaultAsync(x => x.TenantId == tenantId, ct);
        return i is null ? TypedResults.NotFound() : TypedResults.Ok(await View(db, i, ct));
    }

    /// <summary>Server / Data Center (basic or personal access token) or Cloud with an API token: validated, then verified live.</summary>
    internal static async Task<Results<Ok<IntegrationView>, NotFound, ValidationProblem>> PutCredentials(Guid tenantId, ServerIntegrationRequest request,
        CurrentAdmin admin, PublicationDbContext db, SecretProtector secrets, ConfluenceClient confluence, IOptions<ConfluenceOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        if (!admin.CanAct(tenantId))
            return TypedResults.NotFound();
        // JSON numbers still bind (for older clients), and any number binds: refuse those that name nothing.
        if (!Enum.IsDefined(request.AuthKind))
            return Invalid("authKind", $"Unknown authKind; use one of {string.Join(", ", Enum.GetNames<ConfluenceAuthKind>())}.");
        if (!Enum.IsDefined(request.ApiProfile))
            return Invalid("apiProfile", $"Unknown apiProfile; use one of {string.Join(", ", Enum.GetNames<ConfluenceApiProfile>())}.");
        if (request.AuthKind == ConfluenceAuthKind.CloudOAuth)
            return Invalid("authKind", "Cloud OAuth integrations are connected with POST cloud/connect.");
        if (request.AuthKind.Product() == ConfluenceProduct.DataCenter && request.ApiProfile != ConfluenceApiProfile.V1)
            return Invalid("apiProfile", "Data Center has no v2 API: use the V1 profile with Server credentials.");
        if (await NetworkRules.BaseUrlProblem(request.BaseUrl, options.Value, ct) is { } urlProblem)
            return Invalid("baseUrl", urlProblem);
        if (string.IsNullOrWhiteSpace(request.Secret) || string.IsNullOrWhiteSpace(request.SpaceKey)
            || (request.AuthKind != ConfluenceAuthKind.ServerPersonalAccessToken && string.IsNullOrWhiteSpace(request.Username)))
            return Invalid("credentials", "A username (except for personal access tokens), a secret and a space key are required.");

        // A wrong token can act as anonymous on Data Center: the account check catches that; the space lookup proves access.
        ConfluenceCredentials credentials = request.AuthKind == ConfluenceAuthKind.ServerPersonalAccessToken
            ? new BearerCredentials(request.Secret)
            : new BasicCredentials(request.Username!, request.Secret);
        try
        {
            var site = new ConfluenceSite(tenantId, new Uri(request.BaseUrl), credentials, request.AuthKind.Product(), request.ApiProfile);
            if (request.ApiProfile == ConfluenceApiProfile.V1 && !await confluence.ActsAsKnownUser(site, ct))
                return Invalid("credentials", "Confluence accepted these credentials only as the anonymous user: the token or password is wrong.");
            if (await confluence.FindSpace(site, request.SpaceKey, ct) is null)
                return Invalid("spaceKey", $"Space '{request.SpaceKey}' was not found, or these credentials cannot see it.");
        }
        catch (PublicationFailedException e)
        {
            return Invalid("credentials", e.Message);
        }

        var i = await db.Integrations.SingleOrDefaultAsync(x => x.TenantId == tenantId, ct);
        if (i is null)
        {
            i = new ConfluenceIntegration { TenantId = tenantId, CreatedAt = clock.GetUtcNow() };
            db.Integrations.Add(i);
        }

        i.AuthKind = request.AuthKind;
        i.ApiProfile = request.ApiProfile;
        i.BaseUrl = request.BaseUrl;
        i.Username = request.AuthKind == ConfluenceAuthKind.ServerPersonalAccessToken ? null : request.Username;
        i.EncryptedSecret = secrets.Protect(request.Secret);
        i.SpaceKey = request.SpaceKey;
        i.Enabled = true;
        i.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await View(db, i, ct));
    }

    /// <summary>Starts Cloud OAuth: the state is encrypted, names the tenant and the admin, and expires in 10 minutes.</summary>
    internal static Results<Ok<Dictionary<string, string>>, NotFound> StartCloudConnect(Guid tenantId, CloudConnectRequest request, CurrentAdmin admin,
        CloudConnect connect, IDataProtectionProvider protection)
    {
        if (!admin.CanAct(tenantId))
            return TypedResults.NotFound();
        var state = StateProtector(protection).Protect($"{tenantId}|{admin.Subject}|{request.ApiProfile}", StateLifetime);
        return TypedResults.Ok(new Dictionary<string, string> { ["authorizeUrl"] = connect.AuthorizeUrl(request.ApiProfile, state).AbsoluteUri });
    }

    internal static async Task<Results<Ok<IReadOnlyList<AccessibleSite>>, NotFound, ValidationProblem>> CompleteCloudConnect(Guid tenantId, string code,
        string state, CurrentAdmin admin, CloudConnect connect, IDataProtectionProvider protection, CancellationToken ct)
    {
        if (!admin.CanAct(tenantId))
            return TypedResults.NotFound();
        if (StateParts(protection, state) is not { } parts)
            return Invalid("state", "The connect request expired or was not started here; start it again.");
        if (parts.Length != 3 || parts[0] != tenantId.ToString() || parts[1] != admin.Subject)
            return Invalid("state", "The connect request was started by another admin or for another tenant.");
        try
        {
            var sites = await connect.CompleteConsent(tenantId, code, Enum.Parse<ConfluenceApiProfile>(parts[2]), ct);
            return TypedResults.Ok(sites);
        }
        catch (PublicationFailedException e)
        {
            return Invalid("code", e.Message);
        }
    }

    /// <summary>Only a site this consent's accessible resources list, and a space that exists on it (security review F11).</summary>
    internal static async Task<Results<Ok, NotFound, ValidationProblem>> SelectCloudSite(Guid tenantId, CloudSiteRequest request, CurrentAdmin admin,
        CloudConnect connect, PublicationDbContext db, CancellationToken ct)
    {
        if (!admin.CanAct(tenantId))
            return TypedResults.NotFound();
        if (!CloudConnect.IsWellFormedCloudId(request.CloudId))
            return Invalid("cloudId", "The cloud id must be a site id from the connect answer (letters, digits and dashes).");
        if (!await db.Integrations.AnyAsync(i => i.TenantId == tenantId && i.AuthKind == ConfluenceAuthKind.CloudOAuth, ct))
            return TypedResults.NotFound();
        return await connect.SelectSite(tenantId, request.CloudId, request.SpaceKey, ct) is { } problem
            ? Invalid(problem.Field, problem.Problem)
            : TypedResults.Ok();
    }

    /// <summary>
    /// A tenant template is checked (size, refused constructs, a sample meeting and a hostile one) before it is stored;
    /// problems come back under "template", with line and column where there is one.
    /// </summary>
    internal static async Task<Results<Ok<Dictionary<string, string>>, NotFound, ValidationProblem>> PutTemplate(Guid tenantId, MeetingKind kind,
        TemplateRequest request, CurrentAdmin admin, PublicationDbContext db, TenantTemplateValidator validator, TimeProvider clock, CancellationToken ct)
    {
        if (!admin.CanAct(tenantId))
            return TypedResults.NotFound();
        // Route binding parses any number as the enum: templates/99 would otherwise replace the retrospective template.
        if (!Enum.IsDefined(kind))
            return Invalid("kind", $"Unknown meeting kind; use {string.Join(" or ", Enum.GetNames<MeetingKind>())}.");
        // Said before anything is parsed: the renderer checks the same limit again on every stored template.
        if (request.Template is { } text && TemplateLimits.SizeProblem(text) is { } tooLarge)
            return Invalid("template", tooLarge);
        var i = await Own(db, admin, tenantId, ct);
        if (i is null)
            return TypedResults.NotFound();
        var check = validator.Check(kind, request.Template);
        if (!check.IsValid)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["template"] = [check.Error!] }, extensions: new Dictionary<string, object?>
            {
                ["line"] = check.Line,
                ["column"] = check.Column,
            });
        }

        if (kind == MeetingKind.HealthCheck)
            i.HealthCheckTemplate = request.Template;
        else
            i.RetrospectiveTemplate = request.Template;
        i.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new Dictionary<string, string> { ["preview"] = check.PreviewStorageXml! });
    }

    internal static async Task<Results<Ok<Dictionary<string, string>>, NotFound, ValidationProblem>> PutTitlePattern(Guid tenantId, TitlePatternRequest request,
        CurrentAdmin admin, PublicationDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var i = await Own(db, admin, tenantId, ct);
        if (i is null)
            return TypedResults.NotFound();
        if (request.Pattern is not null && ReportTitle.PatternProblem(request.Pattern) is { } problem)
            return Invalid("pattern", problem);

        i.TitlePattern = request.Pattern;
        i.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        var sample = ReportSamples.Retrospective(tenantId, Guid.Empty, clock.GetUtcNow());
        return TypedResults.Ok(new Dictionary<string, string> { ["example"] = ReportTitle.For(sample, request.Pattern) });
    }

    /// <summary>A disabled integration fails its publications with that reason; they can be replayed once it is enabled.</summary>
    internal static async Task<Results<Ok<IntegrationView>, NotFound>> PutEnabled(Guid tenantId, bool enabled, CurrentAdmin admin, PublicationDbContext db,
        TimeProvider clock, CancellationToken ct)
    {
        var i = await Own(db, admin, tenantId, ct);
        if (i is null)
            return TypedResults.NotFound();
        i.Enabled = enabled;
        i.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await View(db, i, ct));
    }

    /// <summary>Removes the connection and its secrets. Publications stay listed; new ones fail until an integration exists again.</summary>
    internal static async Task<Results<NoContent, NotFound>> Delete(Guid tenantId, CurrentAdmin admin, PublicationDbContext db, CancellationToken ct)
    {
        if (!admin.CanAct(tenantId))
            return TypedResults.NotFound();
        var removed = await db.Integrations.Where(i => i.TenantId == tenantId).ExecuteDeleteAsync(ct);
        return removed == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    /// <summary>The tenant a connect request was started for, when the state is genuine and fresh (the console's callback needs it).</summary>
    internal static Guid? TenantInState(IDataProtectionProvider protection, string state) =>
        StateParts(protection, state) is [var tenant, ..] && Guid.TryParse(tenant, out var id) ? id : null;

    /// <summary>"tenant|admin|profile" from a genuine, unexpired state; null otherwise.</summary>
    static string[]? StateParts(IDataProtectionProvider protection, string state)
    {
        try
        {
            return StateProtector(protection).Unprotect(state).Split('|');
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    static ITimeLimitedDataProtector StateProtector(IDataProtectionProvider protection) =>
        protection.CreateProtector("TeamRetro.Confluence.CloudConnectState.v1").ToTimeLimitedDataProtector();

    /// <summary>The tenant's integration, tracked for changes, when this admin may act for the tenant; null answers 404 (never 403).</summary>
    internal static async Task<ConfluenceIntegration?> Own(PublicationDbContext db, CurrentAdmin admin, Guid tenantId, CancellationToken ct) =>
        admin.CanAct(tenantId) ? await db.Integrations.SingleOrDefaultAsync(i => i.TenantId == tenantId, ct) : null;

    internal static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    internal static async Task<IntegrationView> View(PublicationDbContext db, ConfluenceIntegration i, CancellationToken ct) =>
        new(i.TenantId, i.AuthKind, i.ApiProfile, i.BaseUrl, i.Username, i.SpaceKey, i.CloudId,
            !i.Enabled ? "disabled" : i.NeedsReconsent ? "needs re-consent" : "connected",
            i.RetrospectiveParentTitle, i.HealthCheckParentTitle,
            i.RetrospectiveTemplate is not null, i.HealthCheckTemplate is not null, i.UpdatedAt, await IntegrationActivity.Of(db, i.TenantId, ct));
}
