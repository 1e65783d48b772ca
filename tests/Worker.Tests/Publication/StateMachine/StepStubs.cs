using System.Collections.Concurrent;
using MassTransit;
using TeamRetro.Confluence.Contracts;

namespace TeamRetro.Confluence.Worker.Tests.Publication.StateMachine;

/// <summary>
/// What each stubbed step does with its command. By default every step succeeds with a fixed answer; a spec makes a
/// step hold its command (a stalled or lost step), fail (its fault goes to the saga) or answer its own way.
/// </summary>
public sealed class StepStubs
{
    public const string SpaceKey = "TEAM";
    public const string ParentPageTitle = "Retrospectives";
    public const string ParentPageId = "parent-1";
    public const string PageId = "page-1";
    public const string AttachmentId = "att-1";

    readonly ConcurrentDictionary<Type, Func<ConsumeContext, Task>> answers = new();
    readonly ConcurrentQueue<object> received = new();

    public StepStubs()
    {
        Answer<ResolveSpace>(c => c.Publish(new SpaceResolved(c.Message.PublicationId, SpaceKey, ParentPageTitle)));
        Answer<EnsureParentPage>(c => c.Publish(new ParentPageEnsured(c.Message.PublicationId, ParentPageId)));
        Answer<PublishReportPage>(c => c.Publish(
            new ReportPagePublished(c.Message.PublicationId, c.Message.KnownPageId ?? PageId, c.Message.Meeting.Title, 1, "https://wiki.example/page-1")));
        Answer<UploadReportPdf>(c => c.Publish(new ReportPdfUploaded(c.Message.PublicationId, AttachmentId, "meeting-summary.pdf", "sha-1")));
        Answer<MarkReportIncomplete>(c => c.Publish(new ReportMarkedIncomplete(c.Message.PublicationId, 2)));
    }

    public void Answer<T>(Func<ConsumeContext<T>, Task> answer) where T : class =>
        answers[typeof(T)] = c => answer((ConsumeContext<T>)c);

    /// <summary>The step takes its command and never answers, as when its consumer died or the command was lost.</summary>
    public void Hold<T>() where T : class => Answer<T>(_ => Task.CompletedTask);

    /// <summary>The step fails for good: the consumer throws, so MassTransit publishes <c>Fault&lt;T&gt;</c>.</summary>
    public void Fail<T>(Func<Exception> exception) where T : class => Answer<T>(_ => throw exception());

    /// <summary>The step fails the first time it is asked, then does what it did before.</summary>
    public void FailOnce<T>(Func<Exception> exception) where T : class
    {
        var then = answers[typeof(T)];
        var failed = 0;
        answers[typeof(T)] = c => Interlocked.Exchange(ref failed, 1) == 0 ? throw exception() : then(c);
    }

    /// <summary>The commands of one type the steps have taken so far, oldest first.</summary>
    public IReadOnlyList<T> Received<T>(Func<T, bool> which) where T : class => received.OfType<T>().Where(which).ToList();

    internal Task Run<T>(ConsumeContext<T> context) where T : class
    {
        // Recorded before the answer: whatever the saga did with the answer, the command is already here.
        received.Enqueue(context.Message);
        return answers[typeof(T)](context);
    }
}

/// <summary>Stands in for a step's consumer on that step's queue.</summary>
public sealed class StepStub<T>(StepStubs stubs) : IConsumer<T> where T : class
{
    public Task Consume(ConsumeContext<T> context) => stubs.Run(context);
}
