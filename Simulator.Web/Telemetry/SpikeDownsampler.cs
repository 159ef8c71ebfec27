using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// Reduces a long time range to at most a few hundred points per series without averaging a spike away: the range
/// [<see cref="From"/>, <see cref="To"/>] is cut into equal buckets of whole seconds and each bucket keeps, per
/// turbine, its highest speed and highest score, and its highest max-speed window. A bucket with nothing in it gives no
/// point (a gap, not a zero). A time on a bucket boundary belongs to the later bucket; <see cref="To"/> itself belongs to
/// the last. Pure: no clock, no I/O.
/// </summary>
public sealed class SpikeDownsampler
{
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
        var width = (span + maxBuckets - 1) / maxBuckets;
        // Whole seconds: bucket starts stay readable and a bucket is never narrower than a second.
        width = Math.Max(TimeSpan.TicksPerSecond, (width + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond);
        BucketWidth = TimeSpan.FromTicks(width);
        BucketCount = (int)Math.Max(1, (span + width - 1) / width);
    }

    /// <summary>Start of the range (inclusive).</summary>
    public DateTimeOffset From { get; }

    /// <summary>End of the range (inclusive).</summary>
    public DateTimeOffset To { get; }

    /// <summary>The width of one bucket: whole seconds.</summary>
    public TimeSpan BucketWidth { get; }

    /// <summary>How many buckets cover the range: never more than the cap given.</summary>
    public int BucketCount { get; }

    /// <summary>How many readings fell in the range and were counted.</summary>
    public long Readings { get; private set; }

    /// <summary>The start of the bucket <paramref name="time"/> falls in, or null when it lies outside the range.</summary>
    public DateTimeOffset? BucketOf(DateTimeOffset time) => Index(time) is { } index ? From + (BucketWidth * index) : null;

    /// <summary>Counts a scored reading: its bucket keeps the turbine's highest speed and score (and the expected speed at that score).</summary>
    public void Add(AnomalyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Index(result.Reading.Timestamp) is not { } index)
            return;
        Readings++;
        var key = (index, result.Reading.Turbine);
        if (_turbines.TryGetValue(key, out var peak))
        {
            _turbines[key] = new Peak(
                Math.Max(peak.SpeedMph, result.Reading.SpeedMph),
                Math.Max(peak.Score, result.Score),
                result.Score > peak.Score ? result.ExpectedSpeedMph : peak.ExpectedSpeedMph);
        }
        else
        {
            _turbines[key] = new Peak(result.Reading.SpeedMph, result.Score, result.ExpectedSpeedMph);
        }
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
        .Select(p => new HistoryPoint(From + (BucketWidth * p.Key.Bucket), p.Key.Turbine, p.Value.SpeedMph, p.Value.Score, p.Value.ExpectedSpeedMph))
        .ToList();

    /// <summary>Per bucket, the highest score of any turbine, in time order.</summary>
    public IReadOnlyList<(DateTimeOffset Time, double Score)> ScorePoints() => _turbines
        .GroupBy(p => p.Key.Bucket).OrderBy(g => g.Key)
        .Select(g => (From + (BucketWidth * g.Key), g.Max(p => p.Value.Score)))
        .ToList();

    /// <summary>Per bucket, the highest max-speed window, in time order.</summary>
    public IReadOnlyList<(DateTimeOffset Time, double MaxSpeedMph)> WindowPoints() => _windows
        .OrderBy(p => p.Key)
        .Select(p => (From + (BucketWidth * p.Key), p.Value))
        .ToList();

    private long? Index(DateTimeOffset time)
    {
        if (time < From || time > To)
            return null;
        return Math.Min(BucketCount - 1, (time - From).Ticks / BucketWidth.Ticks);
    }

    private readonly record struct Peak(double SpeedMph, double Score, double? ExpectedSpeedMph);
}
