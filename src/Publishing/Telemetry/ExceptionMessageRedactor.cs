using System.Diagnostics;
using System.Reflection;
using OpenTelemetry;

namespace TeamRetro.Confluence.Publishing.Telemetry;

/// <summary>
/// Strips exception messages from every ended span before any exporter sees it: MassTransit (and possibly other instrumentations) put
/// them in the status description and in "exception" events, and ours name pages, spaces and meetings. What stays is the
/// exception's type; the stack trace goes too (some recorders write <see cref="Exception.ToString"/>, messages included;
/// the logs keep the whole exception). Registered ahead of the exporters: processors run in the order they are added.
/// </summary>
public sealed class ExceptionMessageRedactor : BaseProcessor<Activity>
{
    const string ExceptionEvent = "exception";
    const string Message = "exception.message";
    const string StackTrace = "exception.stacktrace";
    const string Type = "exception.type";
    const string ErrorType = "error.type";

    // An ActivityEvent copies its tags into a list of the runtime's own that has no public setter, and an Activity's
    // events cannot be replaced: editing that list is the only way to scrub an event in process. Should a runtime
    // change the list, EditEventTag is null and such spans are not exported at all (below): fail closed.
    static readonly MethodInfo? EditEventTag = new ActivityEvent(ExceptionEvent, default, new ActivityTagsCollection { { Type, "" } })
        .Tags.GetType().GetMethod("Set", [typeof(KeyValuePair<string, object?>)]);

    public override void OnEnd(Activity data)
    {
        string? type = null;
        foreach (ref readonly var e in data.EnumerateEvents())
        {
            if (e.Name != ExceptionEvent)
                continue;
            type = e.Tags.FirstOrDefault(t => t.Key == Type).Value as string ?? type;
            if (EditEventTag is null)
            {
                data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded; // exporters skip spans that are not recorded
                continue;
            }

            if (e.Tags.Any(t => t.Key == Message))
                EditEventTag.Invoke(e.Tags, [new KeyValuePair<string, object?>(Message, type ?? "Exception")]);
            EditEventTag.Invoke(e.Tags, [new KeyValuePair<string, object?>(StackTrace, null)]); // null removes
        }

        type ??= data.GetTagItem(ErrorType) as string ?? data.GetTagItem(Type) as string;
        if (data.GetTagItem(Message) is not null)
            data.SetTag(Message, type ?? "Exception");
        if (data.GetTagItem(StackTrace) is not null)
            data.SetTag(StackTrace, null);
        if (data.StatusDescription is not null)
            data.SetStatus(data.Status, type ?? "Error");
    }
}
