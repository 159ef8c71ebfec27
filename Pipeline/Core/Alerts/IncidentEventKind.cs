namespace TurbineConsole.Pipeline.Alerts;

/// <summary>What happened to an incident, as its timeline records it.</summary>
public enum IncidentEventKind
{
    /// <summary>The first anomalous reading opened it.</summary>
    Raised,
    /// <summary>A silence matched it when it was raised: recorded, notified nowhere.</summary>
    Silenced,
    /// <summary>A channel delivered one of its notifications.</summary>
    Notified,
    /// <summary>A channel gave up on one of its notifications.</summary>
    NotificationFailed,
    /// <summary>A reading above the shutdown speed made it critical.</summary>
    SeverityRaised,
    /// <summary>Nobody acknowledged it in time: the escalation channels were asked to notify.</summary>
    Escalated,
    /// <summary>Still open and unacknowledged: its channels were asked to notify again.</summary>
    Renotified,
    /// <summary>Someone took it.</summary>
    Acknowledged,
    /// <summary>Someone wrote a note on it.</summary>
    Commented,
    /// <summary>Someone, or the quiet period, ended it.</summary>
    Resolved,
}
