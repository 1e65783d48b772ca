using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Tests.Shared;
using TeamRetro.Confluence.Publishing.Publication;

namespace TeamRetro.Confluence.Integration.Tests.BadInput;

public sealed partial class BadInputCorpus
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>One raw AMQP body per row: it ends where its case says, and afterwards every working queue is empty.</summary>
    [Theory]
    [MemberData(nameof(EventCases.Names), MemberType = typeof(EventCases))]
    public async Task Event(string @case)
    {
        var c = EventCases.Named(@case);
        var context = new EventContext(events.Pipeline.TenantId, Guid.NewGuid(), events.TenantWithoutIntegration);
        var publicationId = c.Publication?.Invoke(context) ?? PublicationId.For(context.TenantId, context.MeetingId);
        var messageId = Guid.NewGuid().ToString();
        var body = c.Body(context);

        await events.Publish(body, c.ContentType, messageId);

        var services = events.Pipeline.Worker.Services;
        switch (c.Outcome)
        {
            case EventOutcome.Published:
            {
                var saga = await PublicationStore.WaitFor(services, publicationId, p => p.CurrentState is "Published" or "Failed", "Published", Patience);
                Assert.True(saga.CurrentState == "Published", $"{saga.CurrentState} at {saga.FailedStep}: {saga.LastError}");
                var page = Assert.Single(events.Pipeline.Emulator.State.Pages, p => p.Id == saga.PageId);
                Assert.Single(events.Pipeline.Emulator.State.AttachmentsOf(page.Id));
                c.Page?.Invoke(page);
                break;
            }
            case EventOutcome.Failed:
            {
                var saga = await PublicationStore.WaitFor(services, publicationId, p => p.CurrentState is "Published" or "Failed", "Failed", Patience);
                AssertFailedAsExpected(c, saga);
                if (c.Twice)
                {
                    await events.Publish(body, c.ContentType, Guid.NewGuid().ToString());
                    await events.WaitUntilDrained(Patience);
                    AssertFailedAsExpected(c, (await PublicationStore.Find(services, publicationId))!);
                }

                break;
            }
            default:
            {
                var dead = await events.WaitForDeadLetter(messageId, body, Patience);
                Assert.Equal(EventCorpusFixture.SagaQueue + (c.Outcome == EventOutcome.ErrorQueue ? "_error" : "_skipped"), dead.Queue);
                Assert.Equal(body, dead.Body);
                if (c.Outcome == EventOutcome.ErrorQueue)
                    Assert.False(string.IsNullOrWhiteSpace(dead.Fault), "the error queue copy carries no MT-Fault-Message header");
                Assert.Null(await PublicationStore.Find(services, publicationId));
                break;
            }
        }

        await events.WaitUntilDrained(Patience);
        if (c.Outcome is EventOutcome.Published or EventOutcome.Failed)
        {
            // Security review 12 and 14: a raw meeting bound to other message types, or a step failure the saga
            // recorded, also left a copy in an _error queue.
            var strays = await events.TakeErrorQueues();
            Assert.True(strays.Count == 0, "_error holds " + string.Join(", ", strays.Select(d => $"{d.Queue}: {d.Fault}")));
        }
    }

    static void AssertFailedAsExpected(EventCase c, ReportPublication saga)
    {
        Assert.True(saga.CurrentState == "Failed", $"{saga.CurrentState} at {saga.CurrentStep}: {saga.LastError}");
        Assert.Equal(c.FailedStep, saga.FailedStep);
        Assert.Contains(c.Reason!, saga.LastError, StringComparison.Ordinal);
    }
}
