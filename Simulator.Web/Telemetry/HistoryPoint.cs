namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>One turbine's bucket of a downsampled range: its highest speed and highest score there.</summary>
/// <param name="Time">The bucket's start (UTC).</param>
/// <param name="Turbine">The turbine.</param>
/// <param name="SpeedMph">The highest speed of the turbine's readings in the bucket.</param>
/// <param name="Score">The highest anomaly score of the turbine's readings in the bucket.</param>
/// <param name="ExpectedSpeedMph">What the detector expected at the reading with the highest score, when it said.</param>
public sealed record HistoryPoint(DateTimeOffset Time, string Turbine, double SpeedMph, double Score, double? ExpectedSpeedMph);
