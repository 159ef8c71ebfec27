using System.Globalization;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>
/// What every channel says about an incident: a subject line with the severity and a text with the lab's advice; an
/// escalation or a reminder says so first.
/// </summary>
/// <param name="Incident">The incident.</param>
/// <param name="Notice">Which notification this is.</param>
public sealed record AlertMessage(Incident Incident, AlertNotice Notice = AlertNotice.Raised)
{
    /// <summary>The lab's advice to the maintenance team.</summary>
    public const string Advice =
        "Wind turbines produce full power at wind speeds of about 30 to 55 mph. Start shutdown procedures above 70 mph.";

    /// <summary>A subject of at most 100 characters (SNS's limit).</summary>
    public string Subject
    {
        get
        {
            var prefix = Notice switch
            {
                AlertNotice.Escalation => "ESCALATED ",
                AlertNotice.Reminder => $"Reminder {Incident.Reminders}: ",
                _ => "",
            };
            var subject = string.Create(CultureInfo.InvariantCulture,
                $"{prefix}[{Incident.Severity}] Wind anomaly at {Incident.Location}: {Incident.SpeedMph:F1} mph (score {Incident.Score:F1})");
            return subject.Length <= 100 ? subject : subject[..100];
        }
    }

    /// <summary>The message: where, which turbine, how fast, how anomalous, when, and what to do.</summary>
    public string Text => string.Create(CultureInfo.InvariantCulture, $"""
        {Opening}
        Turbine {Incident.Turbine} measured {Incident.SpeedMph:F1} mph at {Incident.FirstSeen:yyyy-MM-dd HH:mm:ss} UTC (anomaly score {Incident.Score:F2}).
        Highest so far in this incident: {Incident.MaxSpeedMph:F1} mph, score {Incident.MaxScore:F2}. Severity: {Incident.Severity}.
        {Advice}
        Incident {Incident.Location}/{Incident.Id}
        """);

    /// <summary>
    /// A stable, ASCII-only key of this notification: the incident's <see cref="Incident.DeliveryKey"/> for the first one,
    /// another for the escalation and for each reminder, so a receiver drops repeats but not the next notice.
    /// </summary>
    public string DeliveryKey => Notice switch
    {
        AlertNotice.Escalation => Incident.KeyOf("escalation"),
        AlertNotice.Reminder => Incident.KeyOf("reminder-" + Incident.Reminders.ToString(CultureInfo.InvariantCulture)),
        _ => Incident.DeliveryKey,
    };

    private string Opening => Notice switch
    {
        AlertNotice.Escalation => $"ESCALATED: nobody has acknowledged this alert yet. Anomalous wind at {Incident.Location}.",
        AlertNotice.Reminder => $"Reminder {Incident.Reminders.ToString(CultureInfo.InvariantCulture)}: this alert is still open and unacknowledged. Anomalous wind at {Incident.Location}.",
        _ => $"Anomalous wind at {Incident.Location}.",
    };
}
