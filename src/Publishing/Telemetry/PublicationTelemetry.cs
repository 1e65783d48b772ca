using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TeamRetro.Confluence.Publishing.Telemetry;

/// <summary>
/// Our own spans and instruments, beside MassTransit's (ActivitySource and Meter "MassTransit": consume, send and saga
/// spans, message counts and durations). Labels are endpoint templates, steps, states and status classes only: never a
/// tenant id, a title, a name, card text or a query string (docs/observability.md).
/// </summary>
public static class PublicationTelemetry
{
    public const string Name = "TeamRetro.Confluence";

    public static readonly ActivitySource Source = new(Name);
    static readonly Meter Meter = new(Name);

    static readonly Counter<long> ConfluenceCalls = Meter.CreateCounter<long>("teamretro.confluence.calls", "{call}",
        "Confluence calls (after the HTTP pipeline's retries) by endpoint template and status class");
    static readonly Counter<long> RateLimitWaits = Meter.CreateCounter<long>("teamretro.confluence.rate_limit_waits", "{wait}",
        "429 answers from Confluence that the HTTP pipeline waited on before retrying");
    static readonly Counter<long> TokensRefreshed = Meter.CreateCounter<long>("teamretro.atlassian.tokens_refreshed", "{token}",
        "Confluence Cloud OAuth access tokens refreshed, by outcome");
    static readonly Counter<long> SagaConflicts = Meter.CreateCounter<long>("teamretro.saga.conflicts", "{conflict}",
        "Saga saves that lost a race to another message of the same publication and were re-run on fresh state, by kind");
    static readonly Histogram<double> StepDuration = Meter.CreateHistogram("teamretro.publication.step.duration", "s",
        "From a step's command being sent to its result reaching the saga (queueing and retries included), by step and outcome",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800] });

    /// <summary>Starts the span of one Confluence call; dispose it when the call ends.</summary>
    public static ConfluenceCall StartConfluenceCall(string endpoint) =>
        new(endpoint, Source.StartActivity(endpoint, ActivityKind.Internal));

    public static void RateLimitWait(string endpoint) =>
        RateLimitWaits.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint));

    public static void TokenRefreshed(bool succeeded) =>
        TokensRefreshed.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));

    /// <param name="kind">"update" (the row changed since it was read) or "insert" (another message created it first).</param>
    public static void SagaConflict(string kind) =>
        SagaConflicts.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public static void StepEnded(string step, string outcome, TimeSpan duration)
    {
        if (duration >= TimeSpan.Zero)
            StepDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("step", step), new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>One Confluence call: its span (named by its endpoint template) and its count by status class.</summary>
    public sealed class ConfluenceCall(string endpoint, Activity? activity) : IDisposable
    {
        string statusClass = "none"; // no answer: refused, unreachable, timed out

        public void Answered(System.Net.HttpStatusCode status)
        {
            var code = (int)status;
            statusClass = $"{code / 100}xx";
            activity?.SetTag("http.response.status_code", code);
            if (code >= 400)
            {
                // The status code is the error's type (HTTP semantic conventions); no description to scrub.
                activity?.SetTag("error.type", code.ToString(System.Globalization.CultureInfo.InvariantCulture));
                activity?.SetStatus(ActivityStatusCode.Error);
            }
        }

        /// <summary>The exception's type only: messages name pages and meetings.</summary>
        public void Failed(Exception exception)
        {
            activity?.SetTag("error.type", exception.GetType().Name);
            activity?.SetStatus(ActivityStatusCode.Error);
        }

        public void Dispose()
        {
            ConfluenceCalls.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("status_class", statusClass));
            activity?.Dispose();
        }
    }
}
