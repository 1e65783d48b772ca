namespace TeamRetro.Confluence.Publishing.Confluence;

/// <summary>
/// A step failed with a reason an admin can read. Permanent failures fault the step at once (no retry storm);
/// transient ones are retried by the step's message retry.
/// </summary>
public class PublicationFailedException(string message, bool isPermanent, Exception? inner = null) : Exception(message, inner)
{
    public bool IsPermanent { get; } = isPermanent;
}
