namespace TeamRetro.Confluence.Worker.Rendering;

/// <summary>The meeting cannot become a report as it is. Permanent: the message is shown to admins, so it says why.</summary>
public sealed class InvalidMeetingException(string reason) : Exception(reason);
