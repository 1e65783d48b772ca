namespace TeamRetro.Confluence.Publishing.Rendering;

/// <summary>
/// The meeting (or the tenant's template) cannot become a report as it is. Permanent: the message is shown to admins,
/// so it says why, and where in the template when a template is at fault.
/// </summary>
public sealed class InvalidMeetingException(string reason, int? line = null, int? column = null) : Exception(reason)
{
    public int? Line { get; } = line;
    public int? Column { get; } = column;
}
