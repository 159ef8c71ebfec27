using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>One turbine over a time range: its downsampled speed and score, and its anomalies with what the detector expected.</summary>
/// <param name="Turbine">The turbine.</param>
/// <param name="Range">Its readings, downsampled (<see cref="HistoryRange.Turbines"/> holds only this turbine's points).</param>
/// <param name="Anomalies">Its anomalies in the range, newest first.</param>
public sealed record TurbineHistory(string Turbine, HistoryRange Range, IReadOnlyList<AnomalyResult> Anomalies);
