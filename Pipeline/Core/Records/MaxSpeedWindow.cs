namespace TurbineConsole.Pipeline.Records;

/// <summary>The highest wind speed at one location in one closed tumbling window, as CalculateMaxSpeed emits it.</summary>
/// <param name="Location">The wind farm.</param>
/// <param name="MaxSpeedMph">The highest speed of any reading in the window.</param>
/// <param name="WindowStart">Inclusive start of the window (event time).</param>
/// <param name="WindowEnd">Exclusive end of the window.</param>
/// <param name="ReadingCount">How many readings fell in the window.</param>
public sealed record MaxSpeedWindow(string Location, double MaxSpeedMph, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, long ReadingCount);
