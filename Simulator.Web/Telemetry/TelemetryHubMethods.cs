namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// The names of what <see cref="TelemetryHub"/> sends to clients (<c>connection.On(name, ...)</c>). Every message
/// goes to the group of one location; a client joins it with <see cref="TelemetryHub.Follow"/>.
/// </summary>
public static class TelemetryHubMethods
{
    /// <summary><c>(string location, AnomalyResult[] results)</c>: scored readings that landed in the wind data table (Pipeline:Tables:WindData).</summary>
    public const string AnomalyResults = "AnomalyResults";

    /// <summary><c>(string location, MaxSpeedWindow[] windows)</c>: windows that landed in the max-speed table (Pipeline:Tables:MaxWindSpeed).</summary>
    public const string MaxSpeedWindows = "MaxSpeedWindows";

    /// <summary><c>(string location, Incident incident)</c>: an alert of the location was raised or changed (delivered, acknowledged, resolved).</summary>
    public const string AlertChanged = "AlertChanged";
}
