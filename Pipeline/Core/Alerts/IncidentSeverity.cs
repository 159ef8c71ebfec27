namespace TurbineConsole.Pipeline.Alerts;

/// <summary>How bad an incident is.</summary>
public enum IncidentSeverity
{
    /// <summary>The anomaly rule fired (Alerts:Criterion, Threshold, MinSpeedMph).</summary>
    Warning,
    /// <summary>A reading of the incident is above the shutdown speed (<see cref="Records.TurbineLimits.ShutdownMph"/>).</summary>
    Critical,
}
