using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// Reduces a long time range to at most a few hundred points per series without averaging a spike away: the range
/// [<see cref="From"/>, <see cref="To"/>] is cut into equal buckets and each bucket keeps, per turbine, its highest speed
/// and highest score, and its highest max-speed window. A bucket is a whole number of seconds, of minutes from a minute
/// on and of ten minutes from ten minutes on (the widths of <see cref="WindRollup"/>), and buckets are aligned to the
/// Unix epoch, so the first may start before <see cref="From"/> (at <see cref="Start"/>): a rollup bucket then always lies
/// in one chart bucket, and a range drawn from rollups is the same as one drawn from the readings. A bucket with nothing
/// in it gives no point (a gap, not a zero). A time on a bucket boundary belongs to the later bucket; <see cref="To"/>
/// itself belongs to the last. Pure: no clock, no I/O.
/// </summary>
public sealed class SpikeDownsampler
{
    /// <summary>The units a bucket's width is a whole number of, by the width they apply from: seconds, then the rollup widths.</summary>
    private static readonly TimeSpan[] s_units = [TimeSpan.FromSeconds(1), .. WindRollup.Widths];

    private readonly Dictionary<(long Bucket, string Turbine), Peak> _turbines = [];
    private readonly Dictionary<long, double> _windows = [];

    /// <summary>Buckets over [<paramref name="from"/>, <paramref name="to"/>], at most <paramref name="maxBuckets"/> of them.</summary>
    public SpikeDownsampler(DateTimeOffset from, DateTimeOffset to, int maxBuckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuckets, 1);
        if (to <= from)
            throw new ArgumentException($"The range must end after it starts: from {from:O}, to {to:O}.", nameof(to));
        From = from;
        To = to;
        var span = (to - from).Ticks;
        var unit = s_units.Last(u => u.Ticks <= Math.Max(TimeSpan.TicksPerSecond, (span + maxBuckets - 1) / maxBuckets)).Ticks;
        var width = Math.Max(unit, ((span + maxBuckets - 1) / maxBuckets + unit - 1) / unit * unit);
        while (true)
        {
            Start = WindRollup.BucketStart(from, TimeSpan.FromTicks(width));
            BucketCount = (int)Math.Max(1, ((to - Start).Ticks + width - 1) / width);
            if (BucketCount <= maxBuckets)
                break;
            // Aligning the first bucket added one too many: one unit wider.
            width += unit;
        }
        BucketWidth = TimeSpan.FromTicks(width);
        RollupWidth = WindRollup.Widths.LastOrDefault(w => width % w.Ticks == 0) is { Ticks: > 0 } rollup ? rollup : null;
    }

    /// <summary>Start of the range asked for.</summary>
    public DateTimeOffset From { get; }

    /// <summary>End of the range (inclusive).</summary>
    public DateTimeOffset To { get; }

    /// <summary>Start of the first bucket (inclusive): <see cref="From"/> or up to a bucket before it, on the epoch-aligned grid.</summary>
    public DateTimeOffset Start { get; private set; }

    /// <summary>The width of one bucket: whole seconds, minutes from a minute on, ten minutes from ten minutes on.</summary>
    public TimeSpan BucketWidth { get; }

    /// <summary>How many buckets cover the range: never more than the cap given.</summary>
    public int BucketCount { get; private set; }

    /// <summary>The coarsest rollup width a bucket is a whole number of (each rollup bucket then lies in one chart bucket); null under a minute.</summary>
    public TimeSpan? RollupWidth { get; }

    /// <summary>How many readings fell in the range and were counted (a rollup counts its readings).</summary>
    public long Readings { get; private set; }

    /// <summary>The start of the bucket <paramref name="time"/> falls in, or null when it lies outside [<see cref="Start"/>, <see cref="To"/>].</summary>
    public DateTimeOffset? BucketOf(DateTimeOffset time) => Index(time) is { } index ? Start + (BucketWidth * index) : null;

    /// <summary>Counts a scored reading: its bucket keeps the turbine's highest speed and score (and the expected speed at that score).</summary>
    public void Add(AnomalyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Index(result.Reading.Timestamp) is not { } index)
            return;
        Readings++;
        Keep(index, result.Reading.Turbine, result.Reading.SpeedMph, result.Score, result.ExpectedSpeedMph);
    }

    /// <summary>
    /// Counts a rollup by its start: its bucket keeps the turbine's highest speed and score as if its readings had been
    /// added one by one (the rollup lies in one bucket when its width divides <see cref="BucketWidth"/>).
    /// </summary>
    public void Add(WindRollup rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        if (Index(rollup.Start) is not { } index)
            return;
        Readings += rollup.Readings;
        Keep(index, rollup.Turbine, rollup.MaxSpeedMph, rollup.Peak.Score, rollup.Peak.ExpectedSpeedMph);
    }

    private void Keep(long index, string turbine, double speedMph, double score, double? expectedSpeedMph)
    {
        var key = (index, turbine);
        _turbines[key] = _turbines.TryGetValue(key, out var peak)
            ? new Peak(Math.Max(peak.SpeedMph, speedMph), Math.Max(peak.Score, score), score > peak.Score ? expectedSpeedMph : peak.ExpectedSpeedMph)
            : new Peak(speedMph, score, expectedSpeedMph);
    }

    /// <summary>Counts a closed window by its start: its bucket keeps the highest max speed.</summary>
    public void Add(MaxSpeedWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (Index(window.WindowStart) is not { } index)
            return;
        _windows[index] = _windows.TryGetValue(index, out var max) ? Math.Max(max, window.MaxSpeedMph) : window.MaxSpeedMph;
    }

    /// <summary>Per turbine, its buckets' highest speed and score, ordered by turbine (ordinal) and then time.</summary>
    public IReadOnlyList<HistoryPoint> TurbinePoints() => _turbines
        .OrderBy(p => p.Key.Turbine, StringComparer.Ordinal).ThenBy(p => p.Key.Bucket)
        .Select(p => new HistoryPoint(Start + (BucketWidth * p.Key.Bucket), p.Key.Turbine, p.Value.SpeedMph, p.Value.Score, p.Value.ExpectedSpeedMph))
        .ToList();

    /// <summary>Per bucket, the highest score of any turbine, in time order.</summary>
    public IReadOnlyList<(DateTimeOffset Time, double Score)> ScorePoints() => _turbines
        .GroupBy(p => p.Key.Bucket).OrderBy(g => g.Key)
        .Select(g => (Start + (BucketWidth * g.Key), g.Max(p => p.Value.Score)))
        .ToList();

    /// <summary>Per bucket, the highest max-speed window, in time order.</summary>
    public IReadOnlyList<(DateTimeOffset Time, double MaxSpeedMph)> WindowPoints() => _windows
        .OrderBy(p => p.Key)
        .Select(p => (Start + (BucketWidth * p.Key), p.Value))
        .ToList();

    private long? Index(DateTimeOffset time)
    {
        if (time < Start || time > To)
            return null;
        return Math.Min(BucketCount - 1, (time - Start).Ticks / BucketWidth.Ticks);
    }

    private readonly record struct Peak(double SpeedMph, double Score, double? ExpectedSpeedMph);
}
