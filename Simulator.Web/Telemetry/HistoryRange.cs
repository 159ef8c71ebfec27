namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>A location's time range read from the tables and downsampled so that spikes survive (<see cref="SpikeDownsampler"/>).</summary>
/// <param name="Location">The location.</param>
/// <param name="From">Start of the range (UTC): the start of its first bucket, which may lie a little before the start asked for.</param>
/// <param name="To">End of the range (UTC).</param>
/// <param name="BucketWidth">The width of one bucket.</param>
/// <param name="Turbines">Per turbine and bucket, the highest speed and score.</param>
/// <param name="Scores">Per bucket, the highest score of any turbine.</param>
/// <param name="Windows">Per bucket, the highest max-speed window.</param>
/// <param name="ReadingsRead">How many scored readings the range holds as read: those read one by one and those the rollups read count.</param>
/// <param name="OldestRead">
/// Null when every reading of the range was read; otherwise the cap was reached, the newest readings were read and this
/// is the oldest of them: the range before it is not shown.
/// </param>
public sealed record HistoryRange(
    string Location,
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan BucketWidth,
    IReadOnlyList<HistoryPoint> Turbines,
    IReadOnlyList<(DateTimeOffset Time, double Score)> Scores,
    IReadOnlyList<(DateTimeOffset Time, double MaxSpeedMph)> Windows,
    long ReadingsRead,
    DateTimeOffset? OldestRead)
{
    /// <summary>Whether the cap on readings was reached, so that the oldest part of the range is not shown.</summary>
    public bool IsCapped => OldestRead is not null;

    /// <summary>The width of the rollups the range was read from (the newest part after them from the readings); null when it was read from the readings alone.</summary>
    public TimeSpan? RollupWidth { get; init; }

    /// <summary>How many rollups were read (each a turbine's bucket).</summary>
    public long RollupsRead { get; init; }

    /// <summary>How many readings were read one by one from the wind data table.</summary>
    public long RawReadingsRead { get; init; }

    /// <summary>How long reading and downsampling the range took.</summary>
    public TimeSpan ReadTime { get; init; }
}
