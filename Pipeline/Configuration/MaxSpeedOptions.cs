namespace TurbineConsole.Pipeline.Configuration;

/// <summary>The CalculateMaxSpeed job's tumbling event-time windows.</summary>
public sealed class MaxSpeedOptions
{
    /// <summary>Window length.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How far behind the newest event time a reading may arrive and still count.</summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromSeconds(5);
}
