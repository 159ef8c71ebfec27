using System.Globalization;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>What every channel says about an incident: a subject line and a text with the lab's advice.</summary>
public sealed record AlertMessage(Incident Incident)
{
    /// <summary>The lab's advice to the maintenance team.</summary>
    public const string Advice =
        "Wind turbines produce full power at wind speeds of about 30 to 55 mph. Start shutdown procedures above 70 mph.";

    /// <summary>A subject of at most 100 characters (SNS's limit).</summary>
    public string Subject
    {
        get
        {
            var subject = string.Create(CultureInfo.InvariantCulture, $"Wind anomaly at {Incident.Location}: {Incident.SpeedMph:F1} mph (score {Incident.Score:F1})");
            return subject.Length <= 100 ? subject : subject[..100];
        }
    }

    /// <summary>The message: where, which turbine, how fast, how anomalous, when, and what to do.</summary>
    public string Text => string.Create(CultureInfo.InvariantCulture, $"""
        Anomalous wind at {Incident.Location}.
        Turbine {Incident.Turbine} measured {Incident.SpeedMph:F1} mph at {Incident.FirstSeen:yyyy-MM-dd HH:mm:ss} UTC (anomaly score {Incident.Score:F2}).
        Highest so far in this incident: {Incident.MaxSpeedMph:F1} mph, score {Incident.MaxScore:F2}.
        {Advice}
        Incident {Incident.Location}/{Incident.Id}
        """);
}
