using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Worker.Tests.Rendering;

public sealed class ReportTitleTests
{
    [Fact]
    public void Title_names_team_title_and_date()
    {
        Assert.Equal("Platform & Tools – Sprint 42 – 2026-11-27", ReportTitle.For(SampleMeetings.Retrospective()));
        Assert.Equal("Platform & Tools Health Check 2026-11-27", ReportTitle.For(SampleMeetings.HealthCheck()));
        Assert.Equal("Team Retrospective 2026-11-27", ReportTitle.For(SampleMeetings.Retrospective() with { Team = " ", Title = "" }));
    }

    [Fact]
    public void Long_title_is_cut_to_255_without_splitting_a_character_and_keeps_the_date()
    {
        var meeting = SampleMeetings.Retrospective() with { Title = string.Concat(Enumerable.Repeat("🎉ab", 200)) };

        var title = ReportTitle.For(meeting);

        Assert.True(title.Length <= 255, $"{title.Length} characters");
        Assert.EndsWith("– 2026-11-27", title, StringComparison.Ordinal);
        // A split surrogate pair would not survive a UTF-8 round trip.
        Assert.Equal(title, System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(title)));
    }

    [Fact]
    public void Control_characters_and_line_breaks_never_reach_a_title()
    {
        var meeting = SampleMeetings.Retrospective() with { Team = "A\nB\tC\u0007", Title = "x\r\ny" };

        Assert.Equal("A B C – x y – 2026-11-27", ReportTitle.For(meeting));
    }

    [Fact]
    public void Disambiguated_title_adds_the_meeting_id_and_stays_within_255()
    {
        var meeting = SampleMeetings.Retrospective(meetingId: Guid.Parse("1a2b3c4d-0000-4000-8000-000000000000")) with { Title = new string('t', 400) };

        var title = ReportTitle.Disambiguated(meeting);

        Assert.EndsWith(" (1a2b3c4d)", title, StringComparison.Ordinal);
        Assert.True(title.Length <= 255);
        Assert.NotEqual(ReportTitle.For(meeting), title);
    }

    [Fact]
    public void A_tenant_pattern_fills_its_placeholders_and_keeps_the_limits()
    {
        var meeting = SampleMeetings.Retrospective();

        Assert.Equal("Retro 2026-11-27: Platform & Tools (Sprint 42)", ReportTitle.For(meeting, "Retro {date}: {team} ({title})"));
        Assert.Equal("Health Check – Platform & Tools", ReportTitle.For(SampleMeetings.HealthCheck(), "{kind} – {team}"));
        Assert.True(ReportTitle.For(meeting with { Team = new string('t', 600) }, "{team} {date}").Length <= 255);
        Assert.Equal("Report", ReportTitle.For(meeting with { Title = "" }, "{title}"));
    }

    [Theory]
    [InlineData("{team} {date}", null)]
    [InlineData("{team} {when}", "{when}")]
    [InlineData("  ", "empty")]
    public void Patterns_with_unknown_placeholders_are_refused(string pattern, string? problem)
    {
        var result = ReportTitle.PatternProblem(pattern);

        if (problem is null)
            Assert.Null(result);
        else
            Assert.Contains(problem, result, StringComparison.Ordinal);
    }
}
