namespace TurbineConsole.Pipeline.Configuration;

/// <summary>
/// How far a reading's own time (event time) may be from when the stream received it. A sensor with a wrong clock
/// must not move a window's watermark: a reading outside these bounds cannot be read and goes to the dead letters with
/// the reason.
/// </summary>
public sealed class EventTimeOptions
{
    /// <summary>Latest a reading may be stamped after its arrival (clocks of sensors and servers differ a little).</summary>
    public TimeSpan MaxAheadOfArrival { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Oldest a reading may be stamped before its arrival: buffered readings sent after an outage, recorded data replayed
    /// with its own times. A reading from the past moves no watermark, so the default is generous: Kinesis's longest
    /// retention, 365 days.
    /// </summary>
    public TimeSpan MaxBehindArrival { get; set; } = TimeSpan.FromDays(365);
}
