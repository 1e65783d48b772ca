using System.Net;
using TeamRetro.Confluence.Publishing.Confluence;

namespace TeamRetro.Confluence.Worker.Tests.Confluence;

public sealed class ErrorsAndSecretsTests
{
    [Theory]
    [InlineData(HttpStatusCode.BadRequest, true)]
    [InlineData(HttpStatusCode.Unauthorized, true)]
    [InlineData(HttpStatusCode.Forbidden, true)]
    [InlineData(HttpStatusCode.NotFound, true)]
    [InlineData(HttpStatusCode.Gone, true)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, true)]
    [InlineData(HttpStatusCode.RequestTimeout, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData(HttpStatusCode.InternalServerError, false)]
    [InlineData(HttpStatusCode.BadGateway, false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, false)]
    public void Error_table_separates_permanent_from_transient(HttpStatusCode status, bool permanent) =>
        Assert.Equal(permanent, new ConfluenceApiException(status, "Doing it", "").IsPermanent);

    [Fact]
    public void Error_message_is_actionable()
    {
        var e = new ConfluenceApiException(HttpStatusCode.Unauthorized, "Listing spaces", "Not authorized");
        Assert.Equal("Listing spaces failed: Confluence answered 401 Unauthorized: Not authorized. Check the integration's credentials, and that the account may use this space (Confluence answers 401 for both).", e.Message);
    }

    [Fact]
    public void Duplicate_title_and_stale_version_are_recognised()
    {
        Assert.True(new ConfluenceApiException(HttpStatusCode.BadRequest, "x", "A page with this title already exists: A page already exists with the title T in the space with key K").IsDuplicateTitle);
        Assert.False(new ConfluenceApiException(HttpStatusCode.BadRequest, "x", "Error parsing xhtml").IsDuplicateTitle);
        Assert.True(new ConfluenceApiException(HttpStatusCode.Conflict, "x", "Version must be incremented on update. Current version is: 3").IsStaleVersion);
    }

    [Fact]
    public void Credentials_never_print_their_secret()
    {
        var site = new ConfluenceSite(Guid.NewGuid(), new Uri("https://c.example.com"), new BasicCredentials("alice", "hunter2-password"), ConfluenceProduct.DataCenter);
        var bearer = new BearerCredentials("pat-token-value");

        Assert.DoesNotContain("hunter2-password", site.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-password", site.Credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pat-token-value", bearer.ToString(), StringComparison.Ordinal);
        Assert.Equal("Basic YWxpY2U6aHVudGVyMi1wYXNzd29yZA==", site.Credentials.ToAuthorizationHeader().ToString());
    }

    [Fact]
    public void Site_root_keeps_the_context_path()
    {
        var site = new ConfluenceSite(Guid.NewGuid(), new Uri("https://c.example.com/confluence"), new BearerCredentials("t"), ConfluenceProduct.DataCenter);
        Assert.Equal("https://c.example.com/confluence/rest/api/space", new Uri(site.Root, "rest/api/space").AbsoluteUri);
    }
}
