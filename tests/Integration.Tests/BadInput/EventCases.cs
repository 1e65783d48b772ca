using System.Text;
using System.Text.Json.Nodes;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Emulator;
using static TeamRetro.Confluence.Integration.Tests.BadInput.EventOutcome;

namespace TeamRetro.Confluence.Integration.Tests.BadInput;

/// <summary>
/// The event half of the corpus: raw AMQP bodies a buggy or hostile publisher could send to the MeetingCompleted
/// exchange, each with the only outcome it may have.
/// </summary>
public static class EventCases
{
    const string Envelope = "application/vnd.masstransit+json";
    const string Hostile = "<script>alert(1)</script> ]]> &amp; <![CDATA[x]]> <ac:structured-macro ac:name=\"html\"/>";

    static readonly EventCase[] Cases =
    [
        // Not a MeetingCompleted at all: the error queue, with nothing created.
        new("not JSON", ErrorQueue, _ => Utf8("{ this is not json")),
        new("empty body", ErrorQueue, _ => []),
        new("whitespace only", ErrorQueue, _ => Utf8("   \n\t ")),
        new("binary garbage (invalid UTF-8)", ErrorQueue, _ => [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0xA0, 0xA1]),
        new("JSON array of meetings", ErrorQueue, c => Utf8(new JsonArray(Meeting(c)).ToJsonString())),
        new("JSON string literal", ErrorQueue, _ => Utf8("\"MeetingCompleted\"")),
        new("JSON number literal", ErrorQueue, _ => Utf8("42")),
        new("JSON null", ErrorQueue, _ => Utf8("null")),
        new("truncated JSON", ErrorQueue, c => Utf8(Meeting(c).ToJsonString()[..40])),
        new("trailing garbage after the object", ErrorQueue, c => Utf8(Meeting(c).ToJsonString() + " }{")),
        new("deeply nested JSON (10,000 levels)", ErrorQueue, c => Utf8(Meeting(c).ToJsonString()[..^1]
            + ",\"deep\":" + new string('[', 10_000) + new string(']', 10_000) + "}")),
        new("votes is a string", ErrorQueue, c => Json(c, m => Card(m)["votes"] = "three")),
        new("title is a number", ErrorQueue, c => Json(c, m => m["title"] = 42)),
        new("participants is an object", ErrorQueue, c => Json(c, m => m["participants"] = new JsonObject { ["name"] = "Ana" })),
        new("unknown kind name", ErrorQueue, c => Json(c, m => m["kind"] = "Standup")),
        new("meetingId is not a UUID", ErrorQueue, c => Json(c, m => m["meetingId"] = "meeting-42")),
        new("tenantId is a path traversal", ErrorQueue, c => Json(c, m => m["tenantId"] = "../../etc/passwd")),
        new("endedAt is not a date", ErrorQueue, c => Json(c, m => m["endedAt"] = "yesterday")),
        new("endedAt in year 10000", ErrorQueue, c => Json(c, m => m["endedAt"] = "10000-01-01T00:00:00+00:00")),
        new("dueDate 30 February", ErrorQueue, c => Json(c, m => ((JsonObject)m["actionItems"]![0]!)["dueDate"] = "2026-02-30")),
        new("votes overflow a 32-bit integer", ErrorQueue, c => Json(c, m => Card(m)["votes"] = 99_999_999_999L)),
        new("envelope without a message", ErrorQueue, c => Utf8(EnvelopeOf(c, null)), Envelope),
        new("envelope for an unknown message type", SkippedQueue, c => Utf8(EnvelopeOf(c, Meeting(c), "urn:message:Evil:Payload")), Envelope),

        // Readable but not publishable: a Failed publication that says why.
        new("tenantId missing", Failed, c => Json(c, m => m.Remove("tenantId")), Reason: "no tenantId", FailedStep: "Validate",
            Publication: c => PublicationId.For(Guid.Empty, c.MeetingId)),
        new("tenantId all zeros", Failed, c => Json(c, m => m["tenantId"] = Guid.Empty.ToString()), Reason: "no tenantId", FailedStep: "Validate",
            Publication: c => PublicationId.For(Guid.Empty, c.MeetingId)),
        new("meetingId missing", Failed, c => Json(c, m => m.Remove("meetingId")), Reason: "no meetingId", FailedStep: "Validate",
            Publication: c => PublicationId.For(c.TenantId, Guid.Empty)),
        new("unknown numeric kind", Failed, c => Json(c, m => m["kind"] = 7), Reason: "kind '7' is not known", FailedStep: "Validate"),
        new("unknown numeric kind, sent twice", Failed, c => Json(c, m => m["kind"] = 7), Reason: "kind '7' is not known", FailedStep: "Validate", Twice: true),
        new("tenantId missing, sent twice", Failed, c => Json(c, m => m.Remove("tenantId")), Reason: "no tenantId", FailedStep: "Validate",
            Publication: c => PublicationId.For(Guid.Empty, c.MeetingId), Twice: true),
        new("forged tenant without an integration", Failed, c => Json(c, m => m["tenantId"] = c.TenantWithoutIntegration.ToString()),
            Reason: "No Confluence integration", FailedStep: "ResolveSpace", Publication: c => PublicationId.For(c.TenantWithoutIntegration, c.MeetingId)),
        new("participants is null", Failed, c => Json(c, m => m["participants"] = null), Reason: "participants", FailedStep: "Validate"),
        new("a card is null", Failed, c => Json(c, m => ((JsonArray)m["columns"]![0]!["cards"]!).Add(null)), Reason: "columns", FailedStep: "Validate"),
        new("endedAt missing", Failed, c => Json(c, m => m.Remove("endedAt")), Reason: "no endedAt", FailedStep: "PublishReportPage"),
        new("endedAt at year 1 (the default)", Failed, c => Json(c, m => m["endedAt"] = "0001-01-01T00:00:00+00:00"), Reason: "no endedAt",
            FailedStep: "PublishReportPage"),
        new("5,001 cards", Failed, c => Json(c, m => Cards(m, 5_001, i => new JsonObject { ["text"] = $"card {i}", ["votes"] = 1 })),
            Reason: "at most 5,000", FailedStep: "PublishReportPage"),
        new("2,001 action items", Failed, c => Json(c, m => m["actionItems"] = new JsonArray(Enumerable.Range(0, 2_001)
            .Select(i => (JsonNode)new JsonObject { ["text"] = $"item {i}" }).ToArray())), Reason: "at most 2,000", FailedStep: "PublishReportPage"),
        new("huge payload: 20 MB card", Failed, c => Json(c, m => Card(m)["text"] = new string('x', 20 * 1024 * 1024)),
            Reason: "Confluence accepts at most", FailedStep: "PublishReportPage"),

        // Odd but valid: published, with hostile text escaped and intact.
        new("kind missing (defaults to Retrospective)", Published, c => Json(c, m => m.Remove("kind"))),
        new("kind as a lower-case name", Published, c => Json(c, m => m["kind"] = "healthcheck")),
        new("kind as a numeric string", Published, c => Json(c, m => m["kind"] = "1")),
        new("property names in upper case", Published, c => Utf8(Meeting(c).ToJsonString().Replace("\"tenantId\"", "\"TENANTID\"", StringComparison.Ordinal))),
        new("unknown extra properties", Published, c => Json(c, m => { m["isAdmin"] = true; m["__proto__"] = new JsonObject { ["polluted"] = true }; })),
        new("XML, CDATA end and a macro in title and cards", Published, c => Json(c, m => { m["title"] = Hostile; Card(m)["text"] = Hostile; }),
            Page: p =>
            {
                Assert.DoesNotContain("<script>", p.Body, StringComparison.Ordinal);
                Assert.DoesNotContain("<ac:structured-macro ac:name=\"html\"", p.Body, StringComparison.Ordinal);
                Assert.Contains("&lt;script&gt;", p.Body, StringComparison.Ordinal);
                Assert.Contains("<script>alert(1)</script>", p.Title, StringComparison.Ordinal);
            }),
        new("control characters in title and card", Published, c => Json(c, m => { m["title"] = "bell\u0007 nul\u0000 esc\u001b[31m"; Card(m)["text"] = "tab\tform\u000c feed\u0001"; }),
            Page: p => Assert.DoesNotContain("\u0000", p.Body, StringComparison.Ordinal)),
        new("right-to-left override and Arabic text", Published, c => Json(c, m => { m["title"] = "\u202Etxt.exe \u0645\u0631\u062D\u0628\u0627"; Card(m)["text"] = "\u05E9\u05DC\u05D5\u05DD \u202Bmixed\u202C"; }),
            Page: p => Assert.Contains("\u0645\u0631\u062D\u0628\u0627", p.Body, StringComparison.Ordinal)),
        new("emoji, ZWJ sequences and combining marks", Published, c => Json(c, m => { m["title"] = "Ship it 🚀👩‍💻"; Card(m)["text"] = "Z̷̢a̶l̴g̵o 🏳️‍🌈 🙃"; }),
            Page: p => Assert.Contains("👩‍💻", p.Title, StringComparison.Ordinal)),
        new("path traversal as title", Published, c => Json(c, m => m["title"] = "../../etc/passwd"),
            Page: p => Assert.Contains("../../etc/passwd", p.Title, StringComparison.Ordinal)),
        new("path traversal as participant, team and owner", Published, c => Json(c, m =>
        {
            m["team"] = "..\\..\\Windows\\System32";
            m["participants"] = new JsonArray("../../etc/shadow", "%2e%2e%2f%2e%2e%2f");
            ((JsonObject)m["actionItems"]![0]!)["owner"] = "/dev/null";
        }), Page: p => Assert.Contains("../../etc/shadow", p.Body, StringComparison.Ordinal)),
        new("template syntax in the title", Published, c => Json(c, m => { m["title"] = "{{ 7 * 7 }} {% include 'x' %} ${7*7}"; Card(m)["text"] = "{{ columns }}"; }),
            Page: p => Assert.Contains("{{ 7 * 7 }}", p.Title, StringComparison.Ordinal)),
        new("title, team and card text are null", Published, c => Json(c, m => { m["title"] = null; m["team"] = null; Card(m)["text"] = null; })),
        new("SQL in the title", Published, c => Json(c, m => m["title"] = "'; DROP TABLE publications; --"),
            Page: p => Assert.Contains("DROP TABLE", p.Title, StringComparison.Ordinal)),
        new("emoji across the 255th character of the title", Published, c => Json(c, m => m["title"] = new string('a', 254) + "🚀 and more"),
            Page: p => Assert.True(p.Title.Length <= 255, $"title has {p.Title.Length} characters")),
        // Security review F1: laying out this card's PDF was quadratic (about 90 s); now it is capped at 20,000 characters.
        new("200,000-character card without a space", Published, c => Json(c, m => Card(m)["text"] = new string('a', 200_000)),
            Page: p => Assert.Contains(new string('a', 200_000), p.Body, StringComparison.Ordinal)),
        new("10,000-character title", Published, c => Json(c, m => m["title"] = new string('T', 10_000)),
            Page: p => Assert.True(p.Title.Length <= 255, $"title has {p.Title.Length} characters")),
        new("duplicate cards", Published, c => Json(c, m => Cards(m, 3, _ => new JsonObject { ["text"] = "Same card", ["votes"] = 2, ["author"] = "Ana" }))),
        new("negative votes", Published, c => Json(c, m => Card(m)["votes"] = -5), Page: p => Assert.Contains("-5", p.Body, StringComparison.Ordinal)),
        new("endedAt before startedAt", Published, c => Json(c, m => m["startedAt"] = "2026-11-29T09:00:00+00:00")),
        new("startedAt at year 1", Published, c => Json(c, m => m["startedAt"] = "0001-01-01T00:00:00+00:00")),
        new("endedAt on 9999-12-31", Published, c => Json(c, m => m["endedAt"] = "9999-12-31T23:00:00+00:00"),
            Page: p => Assert.Contains("9999-12-31", p.Title, StringComparison.Ordinal)),
        new("health check score out of range", Published, c => Json(c, m =>
        {
            m["kind"] = "HealthCheck";
            m["dimensions"] = new JsonArray(new JsonObject { ["name"] = "Speed", ["score"] = 99.5, ["trend"] = "Up" },
                new JsonObject { ["name"] = "Fun", ["score"] = -3, ["trend"] = 9 });
        })),
        // Security review 13: an emoji cut in half by a JavaScript publisher lost the whole meeting to _error.
        new("lone surrogate escapes in title and card", Published, c => Utf8(Meeting(c).ToJsonString()
            .Replace("\"Sprint 42\"", "\"bad \\ud800 title\"", StringComparison.Ordinal)
            .Replace("\"Shipped on time\"", "\"half \\udc00 an emoji \\ud83d\"", StringComparison.Ordinal)),
            Page: p =>
            {
                Assert.Contains("bad \uFFFD title", p.Title, StringComparison.Ordinal);
                Assert.Contains("half \uFFFD an emoji \uFFFD", p.Body, StringComparison.Ordinal);
            }),
        new("lone surrogate escape in a MassTransit envelope", Published, c => Utf8(EnvelopeOf(c, Meeting(c)).Replace("\"Sprint 42\"", "\"bad \\ud800 title\"", StringComparison.Ordinal)),
            Envelope, Page: p => Assert.Contains("bad \uFFFD title", p.Title, StringComparison.Ordinal)),
        // Security review 12: raw JSON was also read as every other message the saga consumes (step results, faults).
        new("raw meeting carrying the fields of a step result and a fault", Published, c => Json(c, m =>
        {
            m["publicationId"] = Guid.NewGuid().ToString();
            m["spaceKey"] = "EVIL";
            m["parentPageTitle"] = "Hijacked";
            m["message"] = new JsonObject { ["publicationId"] = Guid.NewGuid().ToString() };
        })),
        new("hostile text in a MassTransit envelope", Published, c => Utf8(EnvelopeOf(c, Changed(c, m => m["title"] = Hostile))), Envelope),
    ];

    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    public static EventCase Named(string name) => Cases.Single(c => c.Name == name);

    static JsonObject Meeting(EventContext c) => new()
    {
        ["tenantId"] = c.TenantId.ToString(),
        ["meetingId"] = c.MeetingId.ToString(),
        ["kind"] = "Retrospective",
        ["title"] = "Sprint 42",
        ["team"] = "Corpus Team",
        ["startedAt"] = "2026-11-28T09:00:00+00:00",
        ["endedAt"] = "2026-11-28T09:55:00+00:00",
        ["facilitator"] = "Ana Lima",
        ["participants"] = new JsonArray("Ana Lima", "Chen Wei"),
        ["columns"] = new JsonArray(new JsonObject
        {
            ["name"] = "Went well",
            ["cards"] = new JsonArray(new JsonObject { ["text"] = "Shipped on time", ["votes"] = 3 }),
        }),
        ["actionItems"] = new JsonArray(new JsonObject { ["text"] = "Keep it up", ["owner"] = "Chen Wei", ["dueDate"] = "2026-12-05", ["done"] = false }),
    };

    static JsonObject Changed(EventContext c, Action<JsonObject> change)
    {
        var meeting = Meeting(c);
        change(meeting);
        return meeting;
    }

    static byte[] Json(EventContext c, Action<JsonObject> change) => Utf8(Changed(c, change).ToJsonString());

    static JsonObject Card(JsonObject meeting) => (JsonObject)meeting["columns"]![0]!["cards"]![0]!;

    static void Cards(JsonObject meeting, int count, Func<int, JsonObject> card) =>
        ((JsonObject)meeting["columns"]![0]!)["cards"] = new JsonArray(Enumerable.Range(0, count).Select(i => (JsonNode)card(i)).ToArray());

    static string EnvelopeOf(EventContext c, JsonNode? message, string messageType = "urn:message:TeamRetro.Confluence.Contracts:MeetingCompleted") =>
        new JsonObject
        {
            ["messageId"] = c.MeetingId.ToString(),
            ["messageType"] = new JsonArray(messageType),
            ["sentTime"] = "2026-11-28T10:00:00Z",
            ["message"] = message,
        }.ToJsonString();

    static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
