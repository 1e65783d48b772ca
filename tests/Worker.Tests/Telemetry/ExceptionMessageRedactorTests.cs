using System.Diagnostics;
using TeamRetro.Confluence.Publishing.Telemetry;

namespace TeamRetro.Confluence.Worker.Tests.Telemetry;

/// <summary>The redactor on spans recorded the runtime's way (<see cref="Activity.AddException"/>) and by tags.</summary>
public sealed class ExceptionMessageRedactorTests
{
    const string Title = "Retro with Dana";

    [Fact]
    public void An_exception_recorded_by_the_runtime_keeps_its_type_and_loses_its_message_and_stack_trace()
    {
        using var span = new Activity("step").Start();
        span.AddException(Thrown(new InvalidOperationException($"A page titled '{Title}' appeared")));
        span.SetStatus(ActivityStatusCode.Error, $"A page titled '{Title}' appeared");
        span.Stop();

        new ExceptionMessageRedactor().OnEnd(span);

        var tags = Assert.Single(span.Events, e => e.Name == "exception").Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(typeof(InvalidOperationException).FullName, tags["exception.type"]);
        Assert.Equal(typeof(InvalidOperationException).FullName, tags["exception.message"]);
        Assert.False(tags.ContainsKey("exception.stacktrace"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, span.StatusDescription);
    }

    [Fact]
    public void Exception_tags_on_the_span_itself_are_scrubbed_too()
    {
        using var span = new Activity("call").Start();
        span.SetTag("error.type", "ConfluenceApiException");
        span.SetTag("exception.message", $"Creating page '{Title}' failed");
        span.SetTag("exception.stacktrace", $"ConfluenceApiException: Creating page '{Title}' failed\n   at Step()");
        span.SetStatus(ActivityStatusCode.Error, $"Creating page '{Title}' failed");
        span.Stop();

        new ExceptionMessageRedactor().OnEnd(span);

        Assert.Equal("ConfluenceApiException", span.GetTagItem("exception.message"));
        Assert.Null(span.GetTagItem("exception.stacktrace"));
        Assert.Equal("ConfluenceApiException", span.StatusDescription);
    }

    static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}
