using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TeamRetro.Confluence.Emulator;

namespace TeamRetro.Confluence.Worker.Tests.Emulator;

/// <summary>The emulator must refuse what Confluence refuses, or tests against it prove nothing.</summary>
public sealed class EmulatorBehaviourTests : IAsyncLifetime
{
    ConfluenceEmulator emulator = null!;
    HttpClient http = null!;

    public async Task InitializeAsync()
    {
        emulator = await ConfluenceEmulator.StartAsync(new EmulatorOptions
        {
            Users = [new EmulatorUser("writer", "pw"), new EmulatorUser("reader", "pw2", WritableSpaces: [])],
            SpaceKeys = ["TEAM"],
        });
        http = Client("writer", "pw");
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await emulator.DisposeAsync();
    }

    HttpClient Client(string user, string password)
    {
        var client = new HttpClient { BaseAddress = emulator.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    static object NewPage(string title, string body = "<p>x</p>", string? parent = null) => new
    {
        type = "page",
        title,
        space = new { key = "TEAM" },
        ancestors = parent is null ? null : new[] { new { id = parent } },
        body = new { storage = new { value = body, representation = "storage" } },
        version = new { message = "first" },
    };

    async Task<string> Create(string title, string? parent = null)
    {
        var response = await http.PostAsJsonAsync("rest/api/content", NewPage(title, parent: parent));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    static async Task<string> Message(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()!;

    [Fact]
    public async Task Created_page_is_found_by_title_with_version_and_ancestors()
    {
        var parent = await Create("Parent");
        var child = await Create("Child", parent);

        var found = await http.GetFromJsonAsync<JsonElement>("rest/api/content?type=page&spaceKey=TEAM&title=Child&expand=version,ancestors");

        var page = Assert.Single(found.GetProperty("results").EnumerateArray());
        Assert.Equal(child, page.GetProperty("id").GetString());
        Assert.Equal(1, page.GetProperty("version").GetProperty("number").GetInt32());
        Assert.Equal("first", page.GetProperty("version").GetProperty("message").GetString());
        Assert.Equal(parent, Assert.Single(page.GetProperty("ancestors").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Duplicate_title_in_a_space_is_refused()
    {
        await Create("Same");

        var response = await http.PostAsJsonAsync("rest/api/content", NewPage("Same"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("A page with this title already exists", await Message(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_must_increment_the_version_exactly()
    {
        var id = await Create("Versioned");
        object Update(int number) => new { type = "page", title = "Versioned", version = new { number, message = "m" + number }, body = new { storage = new { value = "<p>v</p>", representation = "storage" } } };

        var stale = await http.PutAsJsonAsync($"rest/api/content/{id}", Update(1));
        var ok = await http.PutAsJsonAsync($"rest/api/content/{id}", Update(2));
        var again = await http.PutAsJsonAsync($"rest/api/content/{id}", Update(2));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Version must be incremented on update. Current version is: 1", await Message(stale));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var page = emulator.State.Pages.Single(p => p.Id == id);
        Assert.Equal(2, page.Version);
        Assert.Equal("m2", page.VersionMessage);
    }

    [Theory]
    [InlineData("<p>unclosed", "Error parsing xhtml")]
    [InlineData("<p>a & b</p>", "Error parsing xhtml")]
    [InlineData("<p>&nbsp;fine</p><ac:structured-macro ac:name=\"info\"/>", null)]
    public async Task Storage_body_must_be_well_formed(string body, string? error)
    {
        var response = await http.PostAsJsonAsync("rest/api/content", NewPage("Body " + Guid.NewGuid(), body));

        if (error is null)
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        else
            Assert.StartsWith(error, await Message(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Titles_over_255_characters_and_bodies_over_5_MiB_are_refused()
    {
        var longTitle = await http.PostAsJsonAsync("rest/api/content", NewPage(new string('t', 256)));
        var hugeBody = await http.PostAsJsonAsync("rest/api/content", NewPage("Huge", "<p>" + new string('x', 5_242_880) + "</p>"));

        Assert.Equal(HttpStatusCode.BadRequest, longTitle.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, hugeBody.StatusCode);
        Assert.Empty(emulator.State.Pages);
    }

    [Fact]
    public async Task Wrong_password_missing_auth_and_missing_permission_are_refused()
    {
        using var wrong = Client("writer", "nope");
        using var anonymous = new HttpClient { BaseAddress = emulator.BaseUrl };
        using var reader = Client("reader", "pw2");

        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("rest/api/space")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("rest/api/space")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("rest/api/space")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsJsonAsync("rest/api/content", NewPage("Nope"))).StatusCode);
        Assert.Empty(emulator.State.Pages);
    }

    [Fact]
    public async Task Journal_records_every_request_without_credentials()
    {
        using var wrong = Client("writer", "secret-that-must-not-leak");
        await wrong.GetAsync("rest/api/space");
        await http.GetAsync("rest/api/space?spaceKey=TEAM");

        var requests = emulator.Requests.All;
        Assert.Equal([401, 200], requests.Select(r => r.Status));
        Assert.Equal([null, "writer"], requests.Select(r => r.User));
        Assert.Equal("?spaceKey=TEAM", requests[1].Query);
        Assert.DoesNotContain(requests, r => r.ToString().Contains("secret-that-must-not-leak", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Journal_records_field_names_and_part_names_never_values()
    {
        await http.PostAsJsonAsync("rest/api/content", NewPage("Shape", parent: null));

        var request = Assert.Single(emulator.Requests.All);
        Assert.Equal(["ancestors", "body.storage.representation", "body.storage.value", "space.key", "title", "type", "version.message"], request.JsonFields!.Order(StringComparer.Ordinal));
        Assert.Contains("Authorization", request.Headers);
        Assert.DoesNotContain(request.JsonFields!, f => f.Contains("Shape", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Injected_rate_limit_answers_429_with_retry_after_then_recovers()
    {
        emulator.Faults.Enqueue(HttpMethod.Get, "rest/api/space", 429, times: 1, retryAfter: TimeSpan.FromSeconds(7));

        var limited = await http.GetAsync("rest/api/space");
        var next = await http.GetAsync("rest/api/space");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.Headers.RetryAfter?.Delta);
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Failure_after_work_leaves_the_page_created()
    {
        emulator.Faults.FailAfterWork(HttpMethod.Post, "rest/api/content", 500);

        var response = await http.PostAsJsonAsync("rest/api/content", NewPage("Unknown outcome"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Single(emulator.State.Pages, p => p.Title == "Unknown outcome");
    }
}
