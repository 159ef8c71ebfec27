namespace TurbineConsole.Pipeline.Records;

/// <summary>
/// One turbine's scored readings over one tumbling time bucket, as the WindRollup job emits them when the bucket closes:
/// how many there were, the highest speed, and the reading with the highest score (its speed, grade, expected speed and
/// attribution), so that a long range can be drawn from a few thousand rollups with every spike still on the chart.
/// </summary>
/// <param name="Location">The turbine's location.</param>
/// <param name="Turbine">The turbine.</param>
/// <param name="Start">Start of the bucket (UTC, a whole multiple of <paramref name="Width"/> since the Unix epoch).</param>
/// <param name="Width">The bucket's width: one of <see cref="Widths"/>.</param>
/// <param name="Readings">How many readings the bucket counted.</param>
/// <param name="MaxSpeedMph">The highest speed among them.</param>
/// <param name="Peak">The reading with the highest score (the newest of equals), as it was scored.</param>
/// <param name="Part">
/// Null for the bucket as it closed; for readings that arrived after their bucket had closed, the sequence number of the
/// first of them in the input stream, so that they form a part of their own (a replay writes the same part again).
/// </param>
public sealed record WindRollup(string Location, string Turbine, DateTimeOffset Start, TimeSpan Width, long Readings, double MaxSpeedMph, AnomalyResult Peak, string? Part)
{
    /// <summary>The fine buckets: one minute.</summary>
    public static readonly TimeSpan Fine = TimeSpan.FromMinutes(1);

    /// <summary>The coarse buckets: ten minutes (a week is 1,008 of them per turbine).</summary>
    public static readonly TimeSpan Coarse = TimeSpan.FromMinutes(10);

    /// <summary>The bucket widths every reading is counted in, finest first.</summary>
    public static readonly IReadOnlyList<TimeSpan> Widths = [Fine, Coarse];

    /// <summary>End of the bucket (exclusive).</summary>
    public DateTimeOffset End => Start + Width;

    /// <summary>The start of the bucket of <paramref name="width"/> that <paramref name="time"/> falls in (buckets are aligned to the Unix epoch).</summary>
    public static DateTimeOffset BucketStart(DateTimeOffset time, TimeSpan width)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return new DateTimeOffset(time.UtcTicks - (((ticks % width.Ticks) + width.Ticks) % width.Ticks), TimeSpan.Zero);
    }
}
