using BenchmarkDotNet.Attributes;
using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Benchmarks;

/// <summary>Render time and allocations of the page and the PDF for a typical and a large meeting (docs/performance.md).</summary>
[MemoryDiagnoser]
public class RenderingBenchmarks
{
    readonly ReportPageRenderer pages = new();
    readonly ReportPdfRenderer pdfs = new();
    MeetingCompleted meeting = null!;

    [Params(20, 500)]
    public int Cards { get; set; }

    [GlobalSetup]
    public void Setup() => meeting = LargeMeeting.With(Cards, actionItems: Cards == 500 ? 200 : 5);

    [Benchmark]
    public int Page() => pages.Render(meeting, ReportPdfRenderer.FileName).StorageXml.Length;

    [Benchmark]
    public int Pdf() => pdfs.Render(meeting).Length;
}

public static class LargeMeeting
{
    public static MeetingCompleted With(int cards, int actionItems)
    {
        var ended = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        return new MeetingCompleted
        {
            TenantId = Guid.NewGuid(),
            MeetingId = Guid.NewGuid(),
            Team = "Benchmark team",
            Title = "Quarterly retrospective",
            StartedAt = ended.AddHours(-2),
            EndedAt = ended,
            Facilitator = "Facilitator",
            Participants = Enumerable.Range(1, 25).Select(i => $"Participant {i}").ToList(),
            Columns = Enumerable.Range(0, 4).Select(c => new RetroColumn
            {
                Name = $"Column {c}",
                Cards = Enumerable.Range(0, cards / 4).Select(i => new RetroCard
                {
                    Text = $"Card {c}-{i}: a sentence or two about what happened in the sprint & why <it> matters to the team.",
                    Votes = i % 11,
                    Group = i % 5 == 0 ? $"Group {i % 3}" : null,
                }).ToList(),
            }).ToList(),
            ActionItems = Enumerable.Range(0, actionItems).Select(i => new ActionItem
            {
                Text = $"Action {i}: follow up on the thing we discussed",
                Owner = $"Owner {i % 7}",
                DueDate = new DateOnly(2026, 12, 1).AddDays(i % 30),
                Done = i % 3 == 0,
            }).ToList(),
        };
    }
}
