using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>Checks the <c>Dashboard</c> settings at start, naming the setting and what it must be.</summary>
public sealed class DashboardOptionsValidator : SettingsValidator<DashboardOptions>
{
    /// <inheritdoc />
    protected override IEnumerable<string> Problems(DashboardOptions options)
    {
        if (options.SilenceAfter < DashboardOptions.MinSilence || options.SilenceAfter > DashboardOptions.MaxSilence)
        {
            yield return $"{DashboardOptions.Section}:SilenceAfter must be {DashboardOptions.MinSilence:c} to {DashboardOptions.MaxSilence:c} "
                + $"(a location with no reading for this long shows as no communication), for example 00:01:00; it is {options.SilenceAfter:c}.";
        }
    }
}
