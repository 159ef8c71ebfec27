namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>The <c>Dashboard</c> settings: how the status board decides that a location has gone quiet.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section's name.</summary>
    public const string Section = "Dashboard";

    /// <summary>Shortest <see cref="SilenceAfter"/> allowed.</summary>
    public static readonly TimeSpan MinSilence = TimeSpan.FromSeconds(5);

    /// <summary>Longest <see cref="SilenceAfter"/> allowed (the dashboard reads 15 minutes of history).</summary>
    public static readonly TimeSpan MaxSilence = TimeSpan.FromHours(1);

    /// <summary>
    /// A turbine or location with no reading for this long (by the readings' own time) shows as "No communication"
    /// instead of its last, old condition. The default minute is five times the gap between two readings of a location
    /// at the slowest usual rate (24 turbines at 0.5 readings a second).
    /// </summary>
    public TimeSpan SilenceAfter { get; set; } = TimeSpan.FromMinutes(1);
}
