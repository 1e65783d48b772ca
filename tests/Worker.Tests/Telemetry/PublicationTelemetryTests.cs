using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Confluence;
using TeamRetro.Confluence.Publishing.Telemetry;
using TeamRetro.Confluence.Worker.Tests.Publication;
using TeamRetro.Confluence.Worker.Tests.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Telemetry;

/// <summary>
/// Traces and metrics of a real publication (saga harness, emulator) through OpenTelemetry's in-memory exporters.
/// Listeners are process-wide, so spans are picked by this test's trace id and markers are unique per test.
/// </summary>
public sealed class PublicationTelemetryTests : IAsyncLifetime
{
    static readonly ActivitySource TestSource = new("TeamRetro.Confluence.Tests");
    readonly LockedList<Activity> spans = new();
    readonly List<MetricSnapshot> metrics = [];
    TracerProvider tracing = null!;
    MeterProvider metering = null!;
    PublicationHarness h = null!;

    public async Task InitializeAsync()
    {
        h = await PublicationHarness.StartAsync();
        tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(TestSource.Name)
            .AddPublicationTracing()
            .AddInMemoryExporter(spans)
            .Build();
        metering = Sdk.CreateMeterProviderBuilder()
            .AddMeter("MassTransit", PublicationTelemetry.Name, "System.Net.Http")
            .AddInstrumentation(() => h.Services.GetRequiredService<PublicationStateGauges>())
            .AddInMemoryExporter(metrics)
            .Build();
    }

    public async Task DisposeAsync()
    {
        tracing.Dispose();
        metering.Dispose();
        await h.DisposeAsync();
    }

    [Fact]
    public async Task One_trace_runs_from_the_meeting_to_the_pdf_upload_with_confluence_calls_named_by_template()
    {
        var meeting = SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid());
        ActivityTraceId traceId;
        using (var root = TestSource.StartActivity("retro service publishes MeetingCompleted"))
        {
            traceId = root!.TraceId;
            await h.Publish(meeting);
        }

        await h.WaitForState(PublicationId.For(meeting.TenantId, meeting.MeetingId), m => m.Published);
        var trace = await WaitForSpans(traceId, s => s.Kind == ActivityKind.Consumer && Mentions(s, nameof(UploadReportPdf)), "the PDF upload's consume span");

        foreach (var step in new[] { nameof(MeetingCompleted), nameof(ResolveSpace), nameof(EnsureParentPage), nameof(PublishReportPage), nameof(UploadReportPdf), nameof(ReportPdfUploaded) })
            Assert.Contains(trace, s => s.Kind == ActivityKind.Consumer && Mentions(s, step));

        var confluence = trace.Where(s => s.Source.Name == PublicationTelemetry.Name).ToList();
        var names = confluence.Select(s => s.DisplayName).ToHashSet();
        Assert.Contains("GET rest/api/content", names);                                   // find the parent and the report page
        Assert.Contains("POST rest/api/content", names);                                  // create them
        Assert.Contains("POST rest/api/content/{id}/child/attachment", names);            // the PDF
        Assert.DoesNotContain("unlisted", names);
        Assert.All(confluence, s => Assert.Equal(200, s.GetTagItem("http.response.status_code")));
        // The HTTP spans under them keep to the trace too.
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && confluence.Any(c => c.SpanId == s.ParentSpanId));
    }

    [Fact]
    public async Task No_span_or_metric_carries_a_title_a_name_or_card_text()
    {
        var marker = $"Marker{Guid.NewGuid():N}";
        var sample = SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid());
        var meeting = sample with
        {
            Title = $"Retro {marker}",
            Team = $"Team {marker}",
            Facilitator = $"Facilitator {marker}",
            Participants = [$"Participant {marker}"],
            Columns = [.. sample.Columns.Select(c => c with { Name = $"{c.Name} {marker}", Cards = [.. c.Cards.Select(card => card with { Text = $"{card.Text} {marker}", Author = $"Author {marker}" })] })],
            ActionItems = [.. sample.ActionItems.Select(a => a with { Text = $"{a.Text} {marker}", Owner = $"Owner {marker}" })],
        };
        // The parent page exists first, so the faults below hit the report page's create: twice "title already exists"
        // while the title is not found makes the step throw "A page titled '…' appeared while publishing", then retry.
        var parentFirst = SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid());
        await h.Publish(parentFirst);
        await h.WaitForState(PublicationId.For(parentFirst.TenantId, parentFirst.MeetingId), m => m.Published);
        h.Emulator.Faults.Enqueue(HttpMethod.Post, "/rest/api/content", 400, times: 2, body: "A page with this title already exists");
        ActivityTraceId traceId;
        using (var root = TestSource.StartActivity("publish"))
        {
            traceId = root!.TraceId;
            await h.Publish(meeting);
        }

        var saga = await h.WaitForState(PublicationId.For(meeting.TenantId, meeting.MeetingId), m => m.Published);
        Assert.Contains(marker, saga.PageTitle, StringComparison.Ordinal); // the title did travel: it went to Confluence
        var trace = await WaitForSpans(traceId, s => s.Kind == ActivityKind.Consumer && Mentions(s, nameof(ReportPdfUploaded)), "the saga's last consume span");
        metering.ForceFlush();


        foreach (var span in spans.Snapshot())
        {
            var texts = new[] { span.DisplayName, span.OperationName, span.StatusDescription }
                .Concat(span.TagObjects.SelectMany(t => new[] { t.Key, Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture) }))
                .Concat(span.Events.SelectMany(e => e.Tags.Select(t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture)).Append(e.Name)))
                .Concat(span.Baggage.Select(b => b.Value));
            Assert.DoesNotContain(texts, t => t?.Contains(marker, StringComparison.Ordinal) == true);
        }

        // The failed attempt is in the trace (so the loop above did see it), by its exception's type only.
        var failures = trace.SelectMany(s => s.Events).Where(e => e.Name == "exception").ToList();
        Assert.NotEmpty(failures);
        Assert.All(failures, e =>
        {
            var type = Assert.IsType<string>(e.Tags.Single(t => t.Key == "exception.type").Value);
            Assert.EndsWith(nameof(PublicationFailedException), type, StringComparison.Ordinal);
            Assert.Equal(type, e.Tags.Single(t => t.Key == "exception.message").Value);
        });

        Assert.NotEmpty(metrics);
        foreach (var metric in metrics.ToArray())
        {
            Assert.DoesNotContain(marker, metric.Name, StringComparison.Ordinal);
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                    Assert.DoesNotContain(marker, $"{tag.Key}={tag.Value}", StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_state_gauge_counts_publications_by_state()
    {
        var first = SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid());
        var second = SampleMeetings.HealthCheck(h.TenantId, Guid.NewGuid());
        await Task.WhenAll(h.Publish(first), h.Publish(second));
        await h.WaitForState(PublicationId.For(first.TenantId, first.MeetingId), m => m.Published);
        await h.WaitForState(PublicationId.For(second.TenantId, second.MeetingId), m => m.Published);

        using var states = new MetricCollector<long>(h.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), PublicationTelemetry.Name, "teamretro.publications");
        using var stuck = new MetricCollector<double>(h.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), PublicationTelemetry.Name, "teamretro.publications.oldest_unfinished.age");
        // The counts are cached for a few seconds: poll until the cache has seen both.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        long? published = null;
        while (DateTime.UtcNow < deadline)
        {
            states.RecordObservableInstruments();
            published = states.GetMeasurementSnapshot().LastOrDefault(m => Equals(m.Tags["state"], "Published"))?.Value;
            if (published == 2)
                break;
            await Task.Delay(100);
        }

        Assert.Equal(2, published);
        stuck.RecordObservableInstruments();
        Assert.Equal(0, stuck.LastMeasurement?.Value); // nothing unfinished
    }

    [Fact]
    public async Task A_429_counts_as_a_rate_limit_wait_on_its_endpoint_template()
    {
        using var waits = new MetricCollector<long>(null, PublicationTelemetry.Name, "teamretro.confluence.rate_limit_waits");
        using var calls = new MetricCollector<long>(null, PublicationTelemetry.Name, "teamretro.confluence.calls");
        h.Emulator.Faults.Enqueue(HttpMethod.Post, "/rest/api/content", 429, times: 1);
        var meeting = SampleMeetings.Retrospective(h.TenantId, Guid.NewGuid());
        await h.Publish(meeting);

        await h.WaitForState(PublicationId.For(meeting.TenantId, meeting.MeetingId), m => m.Published);

        Assert.Contains(waits.GetMeasurementSnapshot(), m => Equals(m.Tags["endpoint"], "POST rest/api/content"));
        // The call itself counts once, with its final answer.
        Assert.Contains(calls.GetMeasurementSnapshot(), m => Equals(m.Tags["endpoint"], "POST rest/api/content") && Equals(m.Tags["status_class"], "2xx"));
    }

    static bool Mentions(Activity span, string messageType) =>
        span.TagObjects.Any(t => t.Value is string v && v.Contains($":{messageType}", StringComparison.Ordinal))
        || span.DisplayName.Contains(messageType, StringComparison.OrdinalIgnoreCase);

    async Task<List<Activity>> WaitForSpans(ActivityTraceId traceId, Func<Activity, bool> until, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var trace = spans.Snapshot().Where(s => s.TraceId == traceId).ToList();
            if (trace.Any(until))
                return trace;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"No {what} in the trace; it has: {string.Join(", ", trace.Select(s => s.DisplayName))}");
            await Task.Delay(50);
        }
    }

    /// <summary>The exporter adds from any thread; the test reads a copy.</summary>
    sealed class LockedList<T> : ICollection<T>
    {
        readonly List<T> items = [];
        public int Count { get { lock (items) return items.Count; } }
        public bool IsReadOnly => false;
        public void Add(T item) { lock (items) items.Add(item); }
        public void Clear() { lock (items) items.Clear(); }
        public bool Contains(T item) { lock (items) return items.Contains(item); }
        public void CopyTo(T[] array, int arrayIndex) { lock (items) items.CopyTo(array, arrayIndex); }
        public bool Remove(T item) { lock (items) return items.Remove(item); }
        public T[] Snapshot() { lock (items) return [.. items]; }
        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Snapshot()).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

public sealed class EndpointTemplateTests
{
    [Theory]
    [InlineData("PUT", "rest/api/content/98003", "PUT rest/api/content/{id}")]
    [InlineData("GET", "rest/api/content?type=page&spaceKey=TEAM&title=Retro%20with%20Dana", "GET rest/api/content")]
    [InlineData("POST", "rest/api/content/98003/child/attachment", "POST rest/api/content/{id}/child/attachment")]
    [InlineData("DELETE", "rest/api/content/98003", "unlisted")]
    [InlineData("GET", "rest/api/content/98003/history", "unlisted")]
    public void A_call_is_named_by_its_allow_list_template_without_ids_or_query(string method, string path, string expected) =>
        Assert.Equal(expected, ConfluenceEndpointAllowList.Template(
            ConfluenceProduct.DataCenter, ConfluenceApiProfile.V1,
            new HttpMethod(method), path));

    [Fact]
    public void Cloud_v2_pages_are_named_by_their_template() =>
        Assert.Equal("PUT api/v2/pages/{id}", ConfluenceEndpointAllowList.Template(
            ConfluenceProduct.Cloud, ConfluenceApiProfile.CloudV2,
            HttpMethod.Put, "api/v2/pages/123"));
}
