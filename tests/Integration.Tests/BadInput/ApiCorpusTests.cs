using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TeamRetro.Confluence.Integration.Tests.BadInput;

public sealed partial class BadInputCorpus
{
    /// <summary>One request per row: the expected 4xx, as problem details naming what was wrong, never a 500.</summary>
    [Theory]
    [MemberData(nameof(ApiCases.Names), MemberType = typeof(ApiCases))]
    public async Task Api(string @case)
    {
        var c = ApiCases.Named(@case);
        var context = api.Context;
        using var client = api.Api.CreateClient();
        using var request = new HttpRequestMessage(c.Method, c.Path(context)) { Content = c.Body?.Invoke(context) };
        var token = c.Token is null ? CorpusTokens.Valid(context.TenantA) : c.Token(context);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(c.Expected == response.StatusCode, $"expected {(int)c.Expected} {c.Expected}, got {(int)response.StatusCode} {response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal((int)c.Expected, problem.GetProperty("status").GetInt32());
        if (c.Mentions is not null)
            Assert.Contains(c.Mentions, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_publication_from_the_corpus_is_visible_with_its_reason_to_an_operator()
    {
        using var client = api.Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CorpusTokens.Valid(api.Context.TenantA, "operator"));

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/publications/{api.Context.PublicationOfB}");

        Assert.Equal("Failed", detail.GetProperty("summary").GetProperty("state").GetString());
        Assert.Contains("kind '7' is not known", detail.GetProperty("summary").GetProperty("lastError").GetString(), StringComparison.Ordinal);
    }
}
