namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>The worst reading of a turbine that nobody has acknowledged yet: what the board keeps showing once the wind calms.</summary>
/// <param name="Condition">What that reading meant (above normal).</param>
/// <param name="SpeedMph">Its wind speed.</param>
/// <param name="Score">Its anomaly score.</param>
/// <param name="At">When it was taken.</param>
public sealed record TurbineAlarm(TurbineCondition Condition, double SpeedMph, double Score, DateTimeOffset At);
