using Microsoft.Extensions.Options;

namespace TeamRetro.Confluence.Publishing.Messaging;

/// <summary>
/// An exponential message-retry schedule. Bound twice, by name: <see cref="Step"/> ("Publication:StepRetry", each
/// step's own retry) and <see cref="Infrastructure"/> ("Publication:InfrastructureRetry", our database failing).
/// </summary>
public sealed class RetryScheduleOptions
{
    public const string Step = "Publication:StepRetry";
    public const string Infrastructure = "Publication:InfrastructureRetry";

    public int Attempts { get; set; }
    public TimeSpan MinInterval { get; set; }
    public TimeSpan MaxInterval { get; set; }
    public TimeSpan IntervalDelta { get; set; }
}

public static class RetryScheduleRegistration
{
    /// <summary>Both schedules with their defaults, then what configuration says.</summary>
    public static IServiceCollection AddRetrySchedules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetryScheduleOptions>(RetryScheduleOptions.Step)
            .Configure(o => (o.Attempts, o.MinInterval, o.MaxInterval, o.IntervalDelta) = (5, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1)))
            .Bind(configuration.GetSection(RetryScheduleOptions.Step));
        services.AddOptions<RetryScheduleOptions>(RetryScheduleOptions.Infrastructure)
            .Configure(o => (o.Attempts, o.MinInterval, o.MaxInterval, o.IntervalDelta) = (10, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(2)))
            .Bind(configuration.GetSection(RetryScheduleOptions.Infrastructure));
        return services;
    }
}
