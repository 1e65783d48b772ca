namespace TeamRetro.Confluence.Publishing.Retention;

/// <summary>Bound from "Publication:Retention": how long a settled publication keeps its meeting snapshot and step history.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Publication:Retention";

    /// <summary>
    /// Counted from the publication's last change once settled (published, failed or cancelled); for a published one
    /// that is its publication. Zero keeps everything.
    /// </summary>
    public TimeSpan SnapshotsFor { get; set; } = TimeSpan.FromDays(90);

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows cleared per statement, so a first purge of a large store never holds a long transaction.</summary>
    public int BatchSize { get; set; } = 500;

    public bool Enabled => SnapshotsFor > TimeSpan.Zero;
}
