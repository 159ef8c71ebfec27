namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// What the detector made of one scripted fault (a row of <see cref="FaultDetectionReport"/>): whether and how soon
/// any of the fault's readings was an anomaly and raised an alert, and how many readings the script did not change
/// were flagged anyway (false positives).
/// </summary>
/// <param name="Fault">The fault scripted.</param>
/// <param name="Injected">Where it was injected (the ground truth).</param>
/// <param name="FaultReadings">Readings the fault changed.</param>
/// <param name="FirstAnomaly">The first of them that was an anomaly by the alert rule's score threshold; null: not found.</param>
/// <param name="Anomalies">How many of them were anomalies.</param>
/// <param name="FirstAlert">The first of them that raised an alert (an anomaly at the alert's minimum speed or more); null: none did.</param>
/// <param name="Alerts">How many of them raised an alert.</param>
/// <param name="OtherReadings">Scored readings the fault did not change (after the warm-up, all farms).</param>
/// <param name="FalseAnomalies">How many of those were anomalies.</param>
/// <param name="FalseAlerts">How many of those raised an alert.</param>
public sealed record FaultDetection(ScriptedFault Fault, IReadOnlyList<InjectedFault> Injected, long FaultReadings,
    Detection? FirstAnomaly, long Anomalies, Detection? FirstAlert, long Alerts, long OtherReadings, long FalseAnomalies, long FalseAlerts)
{
    /// <summary>Whether the detector flagged the fault at all.</summary>
    public bool Found => FirstAnomaly is not null;
}
