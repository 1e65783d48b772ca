using TeamRetro.Confluence.Contracts;
using TeamRetro.Confluence.Publishing.Rendering;

namespace TeamRetro.Confluence.Api.Demo;

/// <summary>Sample meetings for the quick start: each call is a new meeting, so each becomes a new page.</summary>
public static class DemoMeetings
{
    public static MeetingCompleted Retrospective(Guid tenantId) => ReportSamples.Retrospective(tenantId, Guid.NewGuid(), DateTimeOffset.UtcNow);

    public static MeetingCompleted HealthCheck(Guid tenantId) => ReportSamples.HealthCheck(tenantId, Guid.NewGuid(), DateTimeOffset.UtcNow);
}
