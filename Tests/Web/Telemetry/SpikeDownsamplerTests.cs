using TurbineConsole.Pipeline.Records;
using TurbineConsole.Simulator.Web.Telemetry;

namespace TurbineConsole.Tests.Web.Telemetry;

public sealed class SpikeDownsamplerTests
{
    private static readonly DateTimeOffset s_from = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_to = s_from.AddDays(7);

    [Fact]
    public void A_single_spike_among_a_week_of_calm_readings_survives_as_its_buckets_maximum()
    {
        var buckets = new SpikeDownsampler(s_from, s_to, 300);
        var spikeAt = s_from.AddDays(3).AddMinutes(17).AddSeconds(3);
        for (var t = s_from; t < s_to; t = t.AddMinutes(1))
            buckets.Add(Result("CHI-01", 12 + (t.Minute % 5), 0.4, t));
        buckets.Add(Result("CHI-01", 97, 6.5, spikeAt, expected: 14));

        var points = buckets.TurbinePoints();
        var spike = Assert.Single(points, p => p.SpeedMph > 20);
        Assert.Equal(97, spike.SpeedMph);
        Assert.Equal(6.5, spike.Score);
        Assert.Equal(14, spike.ExpectedSpeedMph);
        Assert.Equal(buckets.BucketOf(spikeAt), spike.Time);
        Assert.True(spike.Time <= spikeAt && spikeAt < spike.Time + buckets.BucketWidth);
        Assert.Equal(6.5, buckets.ScorePoints().Max(p => p.Score));
        Assert.Equal(7 * 24 * 60 + 1, buckets.Readings);
    }

    [Fact]
    public void No_series_has_more_points_than_the_cap_however_many_readings_arrive()
    {
        var buckets = new SpikeDownsampler(s_from, s_to, 250);
        for (var t = s_from; t <= s_to; t = t.AddSeconds(37))
        {
            buckets.Add(Result("A", 10, 1, t));
            buckets.Add(Result("B", 20, 2, t));
            buckets.Add(new MaxSpeedWindow("Chicago", 30, t, t.AddMinutes(1), 60));
        }

        Assert.True(buckets.BucketCount <= 250, $"{buckets.BucketCount} buckets");
        Assert.Equal(buckets.BucketCount, buckets.TurbinePoints().Count(p => p.Turbine == "A"));
        Assert.Equal(buckets.BucketCount, buckets.TurbinePoints().Count(p => p.Turbine == "B"));
        Assert.Equal(buckets.BucketCount, buckets.ScorePoints().Count);
        Assert.Equal(buckets.BucketCount, buckets.WindowPoints().Count);
        Assert.Equal(0, buckets.BucketWidth.Ticks % TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void A_time_on_a_bucket_boundary_belongs_to_the_later_bucket_and_the_ranges_end_to_the_last()
    {
        // An hour in 60 buckets: one minute each.
        var from = s_from;
        var buckets = new SpikeDownsampler(from, from.AddHours(1), 60);
        Assert.Equal(TimeSpan.FromMinutes(1), buckets.BucketWidth);

        buckets.Add(Result("A", 10, 1, from.AddMinutes(1).AddTicks(-1)));
        buckets.Add(Result("A", 20, 2, from.AddMinutes(1)));
        buckets.Add(Result("A", 30, 3, from.AddHours(1)));

        Assert.Equal(
            [(from, 10.0), (from.AddMinutes(1), 20.0), (from.AddMinutes(59), 30.0)],
            buckets.TurbinePoints().Select(p => (p.Time, p.SpeedMph)));
        Assert.Equal(60, buckets.BucketCount);
    }

    [Fact]
    public void Empty_buckets_give_no_point_rather_than_a_zero()
    {
        var buckets = new SpikeDownsampler(s_from, s_from.AddHours(1), 60);
        buckets.Add(Result("A", 10, 1, s_from.AddMinutes(2)));
        buckets.Add(Result("A", 15, 1, s_from.AddMinutes(40)));

        Assert.Equal([s_from.AddMinutes(2), s_from.AddMinutes(40)], buckets.TurbinePoints().Select(p => p.Time));
        Assert.Equal(2, buckets.ScorePoints().Count);
        Assert.Empty(buckets.WindowPoints());
    }

    [Fact]
    public void Readings_outside_the_range_are_not_counted()
    {
        var buckets = new SpikeDownsampler(s_from, s_from.AddHours(1), 60);
        buckets.Add(Result("A", 99, 9, s_from.AddTicks(-1)));
        buckets.Add(Result("A", 98, 9, s_from.AddHours(1).AddTicks(1)));

        Assert.Empty(buckets.TurbinePoints());
        Assert.Equal(0, buckets.Readings);
        Assert.Null(buckets.BucketOf(s_from.AddTicks(-1)));
    }

    [Fact]
    public void The_score_series_keeps_the_highest_score_of_any_turbine_in_each_bucket()
    {
        var buckets = new SpikeDownsampler(s_from, s_from.AddHours(1), 60);
        buckets.Add(Result("A", 10, 0.5, s_from.AddSeconds(5)));
        buckets.Add(Result("B", 10, 4.2, s_from.AddSeconds(10)));
        buckets.Add(Result("A", 10, 1.1, s_from.AddSeconds(20)));

        var score = Assert.Single(buckets.ScorePoints());
        Assert.Equal(4.2, score.Score);
        Assert.Equal(1.1, buckets.TurbinePoints().Single(p => p.Turbine == "A").Score);
    }

    [Fact]
    public void A_short_range_gets_buckets_of_at_least_a_second()
    {
        var buckets = new SpikeDownsampler(s_from, s_from.AddSeconds(10), 300);

        Assert.Equal(TimeSpan.FromSeconds(1), buckets.BucketWidth);
        Assert.Equal(10, buckets.BucketCount);
    }

    [Theory]
    [InlineData(1, 13, null)] // 12 s buckets from an unaligned start would be 301
    [InlineData(24, 300, 1)]
    [InlineData(7 * 24, 2400, 10)]
    public void Buckets_of_a_minute_or_more_are_whole_rollup_buckets_on_the_epochs_grid(int hours, int seconds, int? rollupMinutes)
    {
        var from = s_from.AddMinutes(3).AddSeconds(17.5);

        var buckets = new SpikeDownsampler(from, from.AddHours(hours), 300);

        Assert.Equal(TimeSpan.FromSeconds(seconds), buckets.BucketWidth);
        Assert.Equal(rollupMinutes, buckets.RollupWidth?.TotalMinutes);
        Assert.Equal(0, (buckets.Start - DateTimeOffset.UnixEpoch).Ticks % buckets.BucketWidth.Ticks);
        Assert.InRange(buckets.Start, from - buckets.BucketWidth + TimeSpan.FromTicks(1), from);
        Assert.True(buckets.BucketCount <= 300);
    }

    [Fact]
    public void A_rollup_counts_its_readings_and_keeps_its_highest_speed_and_score_in_its_bucket()
    {
        var buckets = new SpikeDownsampler(s_from, s_to, 300);
        var peak = Result("CHI-01", 40, 6.5, s_from.AddMinutes(47), expected: 14);

        buckets.Add(new WindRollup("Chicago", "CHI-01", s_from.AddMinutes(40), WindRollup.Coarse, 100, 97, peak, null));
        buckets.Add(Result("CHI-01", 20, 1, s_from.AddMinutes(41)));

        var point = Assert.Single(buckets.TurbinePoints());
        Assert.Equal((97.0, 6.5, 14.0), (point.SpeedMph, point.Score, point.ExpectedSpeedMph));
        Assert.Equal(101, buckets.Readings);
    }

    [Fact]
    public void An_empty_or_reversed_range_is_refused_with_both_ends_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new SpikeDownsampler(s_from, s_from, 10));
        Assert.Contains("from 2026-11-23", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpikeDownsampler(s_from, s_to, 0));
    }

    private static AnomalyResult Result(string turbine, double speed, double score, DateTimeOffset at, double? expected = null) =>
        new(new WindReading("Chicago", turbine, speed, at, 1, "anomaly"), score, score >= 3 ? 1 : 0, expected);
}
