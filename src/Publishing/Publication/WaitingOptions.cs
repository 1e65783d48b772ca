namespace TeamRetro.Confluence.Publishing.Publication;

/// <summary>
/// Bound from "Publication:Waiting": how a publication waits while Confluence is unavailable or rate limiting
/// (docs/architecture.md, "Waiting durably").
/// </summary>
public sealed class WaitingOptions
{
    public const string Section = "Publication:Waiting";

    /// <summary>The wait before each new attempt of the same step; the last entry repeats.</summary>
    public TimeSpan[] Schedule { get; set; } =
        [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];

    /// <summary>
    /// How long a site that refused without a Retry-After is paused, by its refusals in a row (the last repeats): short at
    /// first, so one stray 503 among good answers costs every publication a second, not a schedule step.
    /// </summary>
    public TimeSpan[] SitePauseSchedule { get; set; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];

    /// <summary>How long a step may keep waiting on Confluence before the publication fails with its attempts in the history.</summary>
    public TimeSpan Budget { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often a worker looks for waiting publications that are due.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int DispatchBatchSize { get; set; } = 200;

    /// <summary>A dispatched publication is dispatched again after this if its resume was lost (a crash, say).</summary>
    public TimeSpan DispatchLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a worker takes "this site has no pause" as still true without asking the database again (a read per
    /// Confluence call otherwise). A pause another worker starts meanwhile reaches this one that much later: its calls in
    /// that time are refused and paused as calls in flight are. A standing pause is always read afresh. Zero reads every time.
    /// </summary>
    public TimeSpan SiteClearFor { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one worker's probe of a paused site excludes the others' (longer than one call).</summary>
    public TimeSpan ProbeLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Multiplies every wait above (not the intervals and leases) and every wait Confluence asks for. 1 in production; the
    /// tests set 0.01 or less so an hour's quota window passes in seconds without a test sleeping.
    /// </summary>
    public double TimeScale { get; set; } = 1.0;

    public TimeSpan Scaled(TimeSpan wait) => TimeSpan.FromTicks((long)(wait.Ticks * TimeScale));

    /// <summary>The wait before attempt <paramref name="attempt"/> (1 for the first wait) of a step, scaled.</summary>
    public TimeSpan Delay(int attempt) => Scaled(Pick(Schedule, attempt));

    /// <summary>The pause of a site after its <paramref name="failures"/>-th refusal in a row, scaled.</summary>
    public TimeSpan SitePause(int failures) => Scaled(Pick(SitePauseSchedule, failures));

    static TimeSpan Pick(TimeSpan[] schedule, int n) => schedule.Length == 0 ? TimeSpan.FromMinutes(1) : schedule[Math.Clamp(n - 1, 0, schedule.Length - 1)];
}
