namespace TurbineConsole.Pipeline.Configuration;

/// <summary>The CalculateMaxSpeed job's tumbling event-time windows.</summary>
public sealed class MaxSpeedOptions
{
    /// <summary>Window length.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far behind the newest event time a reading may arrive and still count.</summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// When a shard gets no reading for this long (wall clock), its open windows are closed and emitted, so the last
    /// window of a stopped dataset still reaches MaxWindSpeedTable; readings for them arriving later are late.
    /// Zero never closes windows early.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
