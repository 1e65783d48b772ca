using TeamRetro.Confluence.Tests.Shared;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Integration.Tests.BadInput;

/// <summary>
/// Issue 6, part 2: malformed and hostile inputs, one theory row each (EventCases, ApiCases), then checks that
/// only make sense after all of them ran. One class (split over files) so that "after" is well defined.
/// </summary>
[TestCaseOrderer(CorpusOrder.TypeName, CorpusOrder.AssemblyName)]
public sealed partial class BadInputCorpus(EventCorpusFixture events, ApiCorpusFixture api)
    : IClassFixture<EventCorpusFixture>, IClassFixture<ApiCorpusFixture>
{
    [Fact]
    public void After_the_whole_corpus_no_log_line_holds_a_secret_that_was_sent()
    {
        var secrets = CorpusSecrets.All;
        Assert.NotEmpty(secrets);
        var leaks = TestLogging.Entries()
            .SelectMany(line => secrets.Where(s => line.Contains(s, StringComparison.Ordinal)).Select(s => $"{s} in: {line[..Math.Min(line.Length, 300)]}"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    [Fact]
    public async Task After_the_whole_corpus_the_worker_still_publishes_a_good_meeting()
    {
        var meeting = ReportSamples.Retrospective(events.Pipeline.TenantId, Guid.NewGuid(), DateTimeOffset.UtcNow);
        await events.Pipeline.Publish(meeting);
        await events.Pipeline.WaitForState(meeting, "Published", TimeSpan.FromSeconds(60));
        await events.WaitUntilDrained(TimeSpan.FromSeconds(30));
    }
}
