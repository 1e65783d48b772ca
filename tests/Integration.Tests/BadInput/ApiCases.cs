using System.Net;
using System.Net.Http.Json;
using System.Text;
using TeamRetro.Confluence.Api.Integrations;
using TeamRetro.Confluence.Publishing.Integrations;
using static System.Net.HttpStatusCode;

namespace TeamRetro.Confluence.Integration.Tests.BadInput;

/// <summary>
/// The Api half of the corpus: forged and broken tokens, another tenant's ids, internal and non-https base URLs,
/// malformed, mistyped and huge bodies, traversal in route values. Each must be a 4xx problem details answer.
/// </summary>
public static class ApiCases
{
    static readonly HttpMethod Get = HttpMethod.Get, Put = HttpMethod.Put, Post = HttpMethod.Post;

    static readonly ApiCase[] Cases =
    [
        // Authentication: only a token signed by our key, for our audience and issuer, still valid.
        new("no token", Get, _ => "/api/publications", Unauthorized, Token: _ => null),
        new("expired token", Get, _ => "/api/publications", Unauthorized, Token: c => CorpusTokens.Expired(c.TenantA)),
        new("token signed with another key", Get, _ => "/api/publications", Unauthorized, Token: c => CorpusTokens.SignedWithAnotherKey(c.TenantA)),
        new("token with alg none", Get, _ => "/api/publications", Unauthorized, Token: c => CorpusTokens.WithAlgNone(c.TenantA)),
        new("token for another audience", Get, _ => "/api/publications", Unauthorized, Token: c => CorpusTokens.ForAnotherAudience(c.TenantA)),
        new("token from another issuer", Get, _ => "/api/publications", Unauthorized, Token: c => CorpusTokens.FromAnotherIssuer(c.TenantA)),
        new("token that is not a JWT", Get, _ => "/api/publications", Unauthorized, Token: _ => CorpusSecrets.Use("not.a.jwt-" + Guid.NewGuid())),
        new("token with an unknown role", Get, _ => "/api/publications", Forbidden, Token: c => CorpusTokens.Valid(c.TenantA, "viewer")),
        new("token whose tenant claim is a path traversal", Get, c => $"/api/tenants/{c.TenantA}/integration", NotFound,
            Token: _ => CorpusTokens.WithTenantClaim("../../etc/passwd")),

        // Another tenant's data: 404, never 403, so ids do not leak.
        new("another tenant's integration", Get, c => $"/api/tenants/{c.TenantB}/integration", NotFound),
        new("another tenant's credentials", Put, c => $"/api/tenants/{c.TenantB}/integration/credentials", NotFound,
            Body: _ => Credentials("https://confluence.example.com/")),
        new("another tenant's template", Put, c => $"/api/tenants/{c.TenantB}/integration/templates/Retrospective", NotFound,
            Body: _ => JsonContent.Create(new TemplateRequest("<p>mine now</p>"))),
        new("another tenant's switch", Put, c => $"/api/tenants/{c.TenantB}/integration/enabled?enabled=false", NotFound),
        new("another tenant's publication", Get, c => $"/api/publications/{c.PublicationOfB}", NotFound),
        new("another tenant's replay", Post, c => $"/api/publications/{c.PublicationOfB}/replay", NotFound),
        new("replay of a publication that does not exist", Post, _ => $"/api/publications/{Guid.NewGuid()}/replay", NotFound),

        // Route and query values that are not what they claim.
        new("template kind is a path traversal", Put, c => $"/api/tenants/{c.TenantA}/integration/templates/..%2F..%2Fetc%2Fpasswd", BadRequest,
            Body: _ => JsonContent.Create(new TemplateRequest("<p>x</p>"))),
        new("template kind is an undefined number", Put, c => $"/api/tenants/{c.TenantA}/integration/templates/99", BadRequest,
            Body: _ => JsonContent.Create(new TemplateRequest("<p>x</p>")), Mentions: "kind"),
        new("publication id is not a UUID", Get, _ => "/api/publications/..%2F..%2Fetc%2Fpasswd", NotFound),
        new("tenant id is not a UUID", Get, _ => "/api/tenants/..%2F..%2Fetc/integration", NotFound),
        new("paging cursor is a path traversal", Get, _ => "/api/publications?after=..%2F..%2Fetc%2Fpasswd", BadRequest, Mentions: "after"),
        new("limit is not a number", Get, _ => "/api/publications?limit=lots", BadRequest),
        new("from is not a date", Get, _ => "/api/publications?from=yesterday", BadRequest),
        new("kind filter is unknown", Get, _ => "/api/publications?kind=Standup", BadRequest),
        new("enabled is not a boolean", Put, c => $"/api/tenants/{c.TenantA}/integration/enabled?enabled=maybe", BadRequest),

        // Where the worker may connect: https to public hosts only (the corpus runs with the production network rules).
        Ssrf("plain http", "http://confluence.example.com/"),
        Ssrf("loopback 127.0.0.1", "https://127.0.0.1/"),
        Ssrf("cloud metadata 169.254.169.254", "https://169.254.169.254/latest/meta-data/"),
        Ssrf("IPv6 loopback [::1]", "https://[::1]/"),
        Ssrf("IPv4-mapped loopback [::ffff:127.0.0.1]", "https://[::ffff:127.0.0.1]/"),
        Ssrf("private 10.x", "https://10.1.2.3/"),
        Ssrf("private 172.16.x", "https://172.16.0.1/"),
        Ssrf("private 192.168.x", "https://192.168.1.1/"),
        Ssrf("carrier-grade NAT 100.64.x", "https://100.64.0.1/"),
        Ssrf("unspecified 0.0.0.0", "https://0.0.0.0/"),
        Ssrf("unique-local [fd00::1]", "https://[fd00::1]/"),
        Ssrf("link-local [fe80::1]", "https://[fe80::1]/"),
        Ssrf("loopback as a decimal number", "https://2130706433/"),
        Ssrf("loopback in hex", "https://0x7f.0.0.1/"),
        Ssrf("localhost", "https://localhost/"),
        Ssrf("a name resolving to 127.0.0.1 (localtest.me)", "https://localtest.me/"),
        Ssrf("metadata.google.internal", "https://metadata.google.internal/"),
        Ssrf("file URL", "file:///etc/passwd"),
        Ssrf("gopher URL", "gopher://127.0.0.1:6379/_FLUSHALL"),
        Ssrf("credentials in the URL", $"https://publisher:{CorpusSecrets.Use("url-embedded-Passw0rd")}@confluence.example.com/"),
        Ssrf("not a URL", "confluence please"),
        // Security review F9: IPv4 carried in IPv6, and IPv4 ranges that passed as public.
        Ssrf("NAT64 of the metadata address [64:ff9b::a9fe:a9fe]", "https://[64:ff9b::a9fe:a9fe]/"),
        Ssrf("6to4 of the metadata address [2002:a9fe:a9fe::1]", "https://[2002:a9fe:a9fe::1]/"),
        Ssrf("IPv4-compatible loopback [::127.0.0.1]", "https://[::127.0.0.1]/"),
        Ssrf("IPv4-translated loopback [::ffff:0:7f00:1]", "https://[::ffff:0:7f00:1]/"),
        Ssrf("AWS IPv6 metadata [fd00:ec2::254]", "https://[fd00:ec2::254]/"),
        Ssrf("benchmarking 198.18.x", "https://198.18.0.1/"),
        Ssrf("IETF protocol assignments 192.0.0.x", "https://192.0.0.170/"),
        // Security review F11: the cloud id becomes a path segment of Atlassian's gateway.
        new("cloud site id is a path traversal", Put, c => $"/api/tenants/{c.TenantA}/integration/cloud/site", BadRequest,
            Body: _ => JsonContent.Create(new CloudSiteRequest("..", "TEAM")), Mentions: "cloudId"),
        new("cloud site id is missing", Put, c => $"/api/tenants/{c.TenantA}/integration/cloud/site", BadRequest,
            Body: _ => Raw("""{"spaceKey": "TEAM"}"""), Mentions: "cloudId"),

        // Bodies that are not what the endpoint reads.
        new("credentials body is not JSON", Put, c => $"/api/tenants/{c.TenantA}/integration/credentials", BadRequest, Body: _ => Raw("{ not json")),
        new("credentials body is empty", Put, c => $"/api/tenants/{c.TenantA}/integration/credentials", BadRequest, Body: _ => Raw("")),
        new("credentials body is a JSON array", Put, c => $"/api/tenants/{c.TenantA}/integration/credentials", BadRequest, Body: _ => Raw("[]")),
        new("credentials body is null", Put, c => $"/api/tenants/{c.TenantA}/integration/credentials", BadRequest, Body: _ => Raw("null")),
        new("baseUrl is a number", Put, c => $"/api/tenants/{c.TenantA}/integration/credentials", BadRequest,
            Body: _ => Raw($$"""{"baseUrl": 42, "authKind": 0, "username": "publisher", "secret": "{{CorpusSecrets.Use("typed-Passw0rd")}}", "spaceKey": "TEAM"}""")),
        new("authKind is an unknown name", Put, c => $"/api/tenants/{c.TenantA}/integration/credentials", BadRequest,
            Body: _ => Raw($$"""{"baseUrl": "https://confluence.example.com/", "authKind": "Kerberos", "username": "publisher", "secret": "{{CorpusSecrets.Use("kerberos-Passw0rd")}}", "spaceKey": "TEAM"}"""), Mentions: "authKind"),
        new("apiProfile is an unknown name", Put, c => $"/api/tenants/{c.TenantA}/integration/credentials", BadRequest,
            Body: _ => Raw($$"""{"baseUrl": "https://confluence.example.com/", "authKind": "ServerBasic", "username": "publisher", "secret": "{{CorpusSecrets.Use("profile-Passw0rd")}}", "spaceKey": "TEAM", "apiProfile": "V3"}"""), Mentions: "apiProfile"),
        new("authKind is an undefined number", Put, c => $"/api/tenants/{c.TenantA}/integration/credentials", BadRequest,
            Body: _ => Raw($$"""{"baseUrl": "https://confluence.example.com/", "authKind": 99, "username": "publisher", "secret": "{{CorpusSecrets.Use("ninety-nine-Passw0rd")}}", "spaceKey": "TEAM"}"""), Mentions: "authKind"),
        new("authKind is Cloud OAuth", Put, c => $"/api/tenants/{c.TenantA}/integration/credentials", BadRequest,
            Body: _ => Credentials("https://confluence.example.com/", ConfluenceAuthKind.CloudOAuth), Mentions: "authKind"),
        new("credentials sent as text/plain", Put, c => $"/api/tenants/{c.TenantA}/integration/credentials", UnsupportedMediaType,
            Body: _ => new StringContent("""{"baseUrl": "https://confluence.example.com/"}""", Encoding.UTF8, "text/plain")),
        // TestServer has no body size limit; behind Kestrel (30 MB by default) this is a 413, also as problem details.
        new("huge body: 40 MB template", Put, c => $"/api/tenants/{c.TenantA}/integration/templates/Retrospective", BadRequest,
            Body: _ => JsonContent.Create(new TemplateRequest(new string('x', 40 * 1024 * 1024))), Mentions: "template"),
        new("template that includes ../../etc/passwd", Put, c => $"/api/tenants/{c.TenantA}/integration/templates/Retrospective", BadRequest,
            Body: _ => JsonContent.Create(new TemplateRequest("{{ include '../../etc/passwd' }}")), Mentions: "template"),
        new("template that never ends", Put, c => $"/api/tenants/{c.TenantA}/integration/templates/Retrospective", BadRequest,
            Body: _ => JsonContent.Create(new TemplateRequest("{{ while true }}x{{ end }}")), Mentions: "template"),
        // Security review F2 and F5: templates that grow memory, are too large, or print a value unescaped.
        new("template that doubles a string 27 times", Put, c => $"/api/tenants/{c.TenantA}/integration/templates/Retrospective", BadRequest,
            Body: _ => JsonContent.Create(new TemplateRequest("{{\ns = \"x\"\nfor i in 1..27\n  s = s + s\nend\ns | string.size\n}}")), Mentions: "assigns a variable"),
        new("4.4 MB template of assignments", Put, c => $"/api/tenants/{c.TenantA}/integration/templates/Retrospective", BadRequest,
            Body: _ => JsonContent.Create(new TemplateRequest(string.Concat(Enumerable.Repeat("{{ x = 1 }}", 400_000)))), Mentions: "at most 65,536 bytes"),
        new("template just over 64 KB", Put, c => $"/api/tenants/{c.TenantA}/integration/templates/HealthCheck", BadRequest,
            Body: _ => JsonContent.Create(new TemplateRequest("<p>" + new string('x', 65_536) + "</p>")), Mentions: "template"),
        new("template that repeats text a billion times", Put, c => $"/api/tenants/{c.TenantA}/integration/templates/Retrospective", BadRequest,
            Body: _ => JsonContent.Create(new TemplateRequest("{{ (team * 1000000000) | string.size }}")), Mentions: "longer than"),
        new("template that evaluates text as a template", Put, c => $"/api/tenants/{c.TenantA}/integration/templates/Retrospective", BadRequest,
            Body: _ => JsonContent.Create(new TemplateRequest("{{ 's = 1' | object.eval }}")), Mentions: "eval"),
        new("health-check template printing comments unescaped", Put, c => $"/api/tenants/{c.TenantA}/integration/templates/HealthCheck", BadRequest,
            Body: _ => JsonContent.Create(new TemplateRequest("{{ for d in dimensions }}<p>{{ d.name | html.escape }}: {{ for c in d.comments }}{{ c }} {{ end }}</p>{{ end }}")),
            Mentions: "dimensions[].comments[]"),
        new("retrospective template printing card authors unescaped", Put, c => $"/api/tenants/{c.TenantA}/integration/templates/Retrospective", BadRequest,
            Body: _ => JsonContent.Create(new TemplateRequest("{{ for c in columns }}{{ for e in c.entries }}{{ for card in e.cards }}<p>{{ card.text | html.escape }} {{ card.author }}</p>{{ end }}{{ end }}{{ end }}")),
            Mentions: "cards[].author"),
        new("title pattern with an unknown placeholder", Put, c => $"/api/tenants/{c.TenantA}/integration/title-pattern", BadRequest,
            Body: _ => JsonContent.Create(new TitlePatternRequest("{team} {secret}")), Mentions: "pattern"),
    ];

    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    public static ApiCase Named(string name) => Cases.Single(c => c.Name == name);

    /// <summary>Server credentials for tenant A with this base URL and a fresh password (recorded as a secret).</summary>
    static ApiCase Ssrf(string name, string baseUrl) =>
        new($"base URL: {name}", Put, c => $"/api/tenants/{c.TenantA}/integration/credentials", BadRequest, Body: _ => Credentials(baseUrl), Mentions: "baseUrl");

    static JsonContent Credentials(string baseUrl, ConfluenceAuthKind kind = ConfluenceAuthKind.ServerBasic) =>
        JsonContent.Create(new ServerIntegrationRequest(baseUrl, kind, "publisher", CorpusSecrets.Use("corpus-Passw0rd-" + Guid.NewGuid().ToString("N")[..8]), "TEAM"));

    static StringContent Raw(string json) => new(json, Encoding.UTF8, "application/json");
}
