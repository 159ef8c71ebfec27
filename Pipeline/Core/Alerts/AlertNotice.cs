namespace TurbineConsole.Pipeline.Alerts;

/// <summary>Which of an incident's notifications a message is.</summary>
public enum AlertNotice
{
    /// <summary>The first notification, when the incident is raised.</summary>
    Raised,
    /// <summary>Sent to the escalation channels when nobody acknowledged the incident in time.</summary>
    Escalation,
    /// <summary>Sent again, every so often, while the incident is open and unacknowledged.</summary>
    Reminder,
}
