namespace TurbineConsole.Pipeline.Records;

/// <summary>One wind reading from one turbine, as the simulator puts it into WindDataStream.</summary>
/// <param name="Location">The wind farm, also the stream's partition key.</param>
/// <param name="Turbine">The turbine's id, unique across farms (for example <c>CHI-07</c>).</param>
/// <param name="SpeedMph">Wind speed in miles per hour.</param>
/// <param name="Timestamp">Event time: when the reading was taken.</param>
/// <param name="Seq">Per-turbine counter from 0, so that loss, duplicates and reordering can be measured.</param>
/// <param name="Dataset">Which simulation dataset produced it (<c>normal</c>, <c>anomaly</c>, <c>diy</c>).</param>
public sealed record WindReading(string Location, string Turbine, double SpeedMph, DateTimeOffset Timestamp, long Seq, string Dataset);
