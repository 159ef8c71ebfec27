namespace TurbineConsole.Pipeline.Alerts;

/// <summary>Where an incident is in its life.</summary>
public enum IncidentState
{
    /// <summary>Anomalies are happening or happened recently; nobody has taken it yet.</summary>
    Open,
    /// <summary>Someone took it; no further notifications are sent for it.</summary>
    Acknowledged,
    /// <summary>Over: resolved by someone, or automatically after the quiet period.</summary>
    Resolved,
}
