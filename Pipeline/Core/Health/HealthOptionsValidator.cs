using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Pipeline.Health;

/// <summary>Checks the <c>Pipeline:Health</c> settings at start, naming the setting and the allowed values.</summary>
public sealed class HealthOptionsValidator : SettingsValidator<HealthOptions>
{
    /// <inheritdoc />
    protected override IEnumerable<string> Problems(HealthOptions options)
    {
        const string p = HealthOptions.Section;
        if (options.MaxLag <= TimeSpan.Zero)
            yield return $"{p}:MaxLag must be positive, for example 00:02:00; it is {options.MaxLag}.";
        if (options.StalledAfter < TimeSpan.FromSeconds(1))
            yield return $"{p}:StalledAfter must be at least 00:00:01 (longer than the slowest batch), for example 00:01:00; it is {options.StalledAfter}.";
        if (options.FailingAfter < TimeSpan.Zero)
            yield return $"{p}:FailingAfter must be zero (a first failure is unhealthy) or positive; it is {options.FailingAfter}.";
        if (options.MinFreeDiskMegabytes < 0)
            yield return $"{p}:MinFreeDiskMegabytes must be zero (no check) or positive; it is {options.MinFreeDiskMegabytes}.";
        if (options.BackendTimeout < TimeSpan.FromMilliseconds(100) || options.BackendTimeout > TimeSpan.FromMinutes(1))
            yield return $"{p}:BackendTimeout must be 00:00:00.100 to 00:01:00; it is {options.BackendTimeout}.";
        if (options.Interval < TimeSpan.FromSeconds(1) || options.Interval > TimeSpan.FromHours(1))
            yield return $"{p}:Interval must be 00:00:01 to 01:00:00; it is {options.Interval}.";
    }
}
