namespace TurbineConsole.Pipeline.Simulation;

/// <summary>The first reading of a fault that the detector flagged, and how soon.</summary>
/// <param name="Reading">Which of the fault's changed readings it is, in event-time order: 1 is the first.</param>
/// <param name="After">Event time from the fault's first changed reading to this one.</param>
/// <param name="Turbine">The turbine it came from.</param>
/// <param name="SpeedMph">Its speed.</param>
/// <param name="Score">Its anomaly score.</param>
public sealed record Detection(long Reading, TimeSpan After, string Turbine, double SpeedMph, double Score);
