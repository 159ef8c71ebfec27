using Microsoft.Extensions.DependencyInjection;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Jobs;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Telemetry;

/// <summary><see cref="TelemetryHistory.RangeAsync"/> on the embedded table store: pages, the cap, windows.</summary>
public sealed class TelemetryHistoryRangeTests : WebTestContext
{
    private static readonly DateTimeOffset s_from = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private TelemetryHistory History => Services.GetRequiredService<TelemetryHistory>();

    [Fact]
    public async Task A_week_read_over_several_pages_keeps_its_one_spike_and_every_window()
    {
        // 2,500 readings (three pages of 1,000), one a spike, and a window a day.
        var results = Enumerable.Range(0, 2_500)
            .Select(i => Reading("CHI-0" + (1 + (i % 3)), i == 1_234 ? 97 : 10 + (i % 7), i == 1_234 ? 6 : 0.5, s_from.AddMinutes(4 * i), i))
            .ToList();
        await WriteResultsAsync([.. results]);
        await Tables.PutItemsAsync(Options.Tables.MaxWindSpeed, Enumerable.Range(0, 7)
            .Select(d => MaxWindSpeedItem.From(new MaxSpeedWindow("Chicago", 40 + d, s_from.AddDays(d), s_from.AddDays(d).AddMinutes(1), 60))).ToList());

        var range = await History.RangeAsync("Chicago", s_from, s_from.AddDays(7));

        Assert.Equal(2_500, range.ReadingsRead);
        Assert.False(range.IsCapped);
        Assert.Equal(97, range.Turbines.Max(p => p.SpeedMph));
        Assert.Equal(6, range.Scores.Max(p => p.Score));
        Assert.All(range.Turbines.GroupBy(p => p.Turbine), g => Assert.True(g.Count() <= TelemetryHistory.RangePoints));
        Assert.Equal(Enumerable.Range(40, 7).Select(v => (double)v), range.Windows.Select(w => w.MaxSpeedMph));
    }

    [Fact]
    public async Task A_week_read_from_the_rollups_and_the_newest_readings_draws_what_the_readings_alone_draw_with_the_spike()
    {
        // Three turbines every 3 minutes for a week, one 97 mph spike; the rollups the job emitted as buckets closed (the
        // newest, still open, are not in the table, so the range's end is read reading by reading).
        var to = s_from.AddDays(7);
        var random = new Random(7);
        var results = Enumerable.Range(0, 7 * 24 * 20).SelectMany(i => new[] { "CHI-01", "CHI-02", "CHI-03" }.Select((t, k) =>
                Reading(t, i == 1_234 && k == 1 ? 97 : Math.Round(8 + (random.NextDouble() * 30), 1), i == 1_234 && k == 1 ? 6.5 : Math.Round(random.NextDouble() * 2, 3),
                    s_from.AddMinutes(3 * i).AddSeconds(17 * k), i)))
            .ToList();
        await WriteResultsAsync([.. results]);
        var processor = new WindRollupJob("in", "out", new MaxSpeedOptions()).CreateProcessor();
        var output = new JobOutput();
        foreach (var result in results)
            processor.Process(new StreamRecord("1", "Chicago", AnomalyResultCodec.Encode(result), result.Reading.Timestamp), output);
        var rollups = output.Records.Select(r => WindRollupCodec.Decode(r.Data)).ToList();
        await Tables.PutItemsAsync(Options.Tables.WindRollup, rollups.Select(WindRollupItem.From).ToList());

        var range = await History.RangeAsync("Chicago", s_from, to);

        var alone = new SpikeDownsampler(s_from, to, TelemetryHistory.RangePoints);
        foreach (var result in results.AsEnumerable().Reverse())
            alone.Add(result);
        Assert.Equal(WindRollup.Coarse, range.RollupWidth);
        Assert.Equal(rollups.Count(r => r.Width == WindRollup.Coarse), range.RollupsRead);
        Assert.InRange(range.RawReadingsRead, 1, 3 * 5);
        Assert.Equal(results.Count, range.ReadingsRead);
        Assert.Equal(alone.TurbinePoints(), range.Turbines);
        Assert.Equal(alone.ScorePoints(), range.Scores);
        Assert.Equal(97, range.Turbines.Max(p => p.SpeedMph));
        Assert.Equal(alone.Start, range.From);
    }

    [Fact]
    public async Task A_range_whose_buckets_are_under_a_minute_is_read_reading_by_reading_even_with_rollups_stored()
    {
        var result = Reading("CHI-01", 50, 1, s_from.AddMinutes(5), 1);
        await WriteResultsAsync(result);
        await Tables.PutItemsAsync(Options.Tables.WindRollup, [WindRollupItem.From(new WindRollup("Chicago", "CHI-01", s_from, WindRollup.Fine, 1, 77, result, null))]);

        var range = await History.RangeAsync("Chicago", s_from, s_from.AddHours(1));

        Assert.Null(range.RollupWidth);
        Assert.Equal((0L, 1L), (range.RollupsRead, range.RawReadingsRead));
        Assert.Equal(50, Assert.Single(range.Turbines).SpeedMph);
    }

    [Fact]
    public async Task Past_the_cap_the_newest_readings_are_shown_and_the_range_says_from_when()
    {
        var results = Enumerable.Range(0, 1_500).Select(i => Reading("CHI-01", 10, 0.5, s_from.AddMinutes(i), i)).ToList();
        await WriteResultsAsync([.. results]);

        var range = await History.RangeAsync("Chicago", s_from, s_from.AddDays(2), maxReadings: 1_200);

        Assert.True(range.IsCapped);
        Assert.Equal(1_200, range.ReadingsRead);
        Assert.Equal(s_from.AddMinutes(300), range.OldestRead);
    }

    [Fact]
    public async Task Readings_of_other_locations_and_outside_the_range_are_left_out()
    {
        await WriteResultsAsync(
            Reading("CHI-01", 50, 1, s_from.AddHours(1), 1),
            Reading("CHI-01", 99, 9, s_from.AddDays(-1), 2),
            new AnomalyResult(new WindReading("Tulsa", "TUL-01", 88, s_from.AddHours(1), 3, "anomaly"), 8, 1, null));

        var range = await History.RangeAsync("Chicago", s_from, s_from.AddDays(1));

        Assert.Equal(50, Assert.Single(range.Turbines).SpeedMph);
    }

    private static AnomalyResult Reading(string turbine, double speed, double score, DateTimeOffset at, long seq) =>
        new(new WindReading("Chicago", turbine, speed, at, seq, "anomaly"), score, score >= 3 ? 1 : 0, null);
}
