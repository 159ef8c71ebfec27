using System.Globalization;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// What the pages call an anomaly, read from the <c>Alerts</c> settings so that they say what the alerts do:
/// <see cref="IsAnomaly"/> is the alert rule's criterion and threshold (Alerts:Criterion, Alerts:Threshold), and
/// <see cref="RaisesAlert"/> adds the speed an alert also needs (Alerts:MinSpeedMph). Both are the rule of
/// <see cref="AlertOptions"/> that the alert function applies, so the pages cannot drift from it.
/// </summary>
public sealed class AnomalyRule
{
    /// <summary>The alert settings the rule reads.</summary>
    private readonly AlertOptions _alerts;

    /// <summary>The rule of <paramref name="alerts"/>.</summary>
    public AnomalyRule(AlertOptions alerts) => _alerts = alerts;

    /// <summary>Score or grade (Alerts:Criterion).</summary>
    public AlertCriterion Criterion => _alerts.Criterion;

    /// <summary>The score line of the charts, or null when the criterion is the grade (which has no fixed score).</summary>
    public double? ScoreThreshold => _alerts.Criterion == AlertCriterion.Score ? _alerts.Threshold : null;

    /// <summary>The speed from which an anomaly raises an alert (Alerts:MinSpeedMph); 0 when every anomaly does.</summary>
    public double MinSpeedMph => _alerts.MinSpeedMph;

    /// <summary>The criterion in a few words: <c>score ≥ 3</c> or <c>grade &gt; 0</c>.</summary>
    public string Description => _alerts.Criterion == AlertCriterion.Grade
        ? "grade > 0"
        : string.Create(CultureInfo.InvariantCulture, $"score ≥ {_alerts.Threshold:0.###}");

    /// <summary>The whole alert rule in a few words: <c>its score ≥ 3 at 55 mph or more</c>, or without the speed when every anomaly alerts.</summary>
    public string AlertDescription => MinSpeedMph > 0
        ? string.Create(CultureInfo.InvariantCulture, $"its {Description} at {MinSpeedMph:0.#} mph or more")
        : $"its {Description}";

    /// <summary>Whether the result is an anomaly by the alert rule's criterion and threshold, whatever its speed.</summary>
    public bool IsAnomaly(AnomalyResult result) => _alerts.IsAnomaly(result);

    /// <summary>Whether the result raises an alert: an anomaly at a speed of at least <see cref="MinSpeedMph"/>.</summary>
    public bool RaisesAlert(AnomalyResult result) => _alerts.RaisesAlert(result);
}
