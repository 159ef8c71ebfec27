using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Tests.Core.Runtime;

/// <summary>The whole flow on the embedded backend; a subclass runs the same tests on another backend.</summary>
public class TurbinePipelineTests
{
    /// <summary>Ticks of the anomaly dataset (every turbine gives one reading per tick).</summary>
    protected virtual int Ticks => 1500;

    /// <summary>Turbines per location (four locations).</summary>
    protected virtual int TurbinesPerLocation => 4;

    /// <summary>How long a wait for items may take.</summary>
    protected virtual TimeSpan WaitTimeout => TimeSpan.FromSeconds(60);

    /// <summary>A fresh flow on the backend under test.</summary>
    internal virtual PipelineFixture CreateFixture() => PipelineFixture.Create();

    private List<SimulatedReading> Dataset() => PipelineFixture.AnomalyDataset(Ticks, turbines: TurbinesPerLocation);

    [Fact]
    public async Task Anomaly_dataset_flows_into_both_tables_exactly_once_with_the_severe_events_scored_highest()
    {
        await using var fixture = CreateFixture();
        await fixture.OpenAsync();
        var dataset = Dataset();
        var locations = dataset.Select(r => r.Reading.Location).Distinct().ToList();
        await fixture.PutReadingsAsync(dataset.Select(r => r.Reading));

        await fixture.StartAsync();
        var items = await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, locations, dataset.Count, WaitTimeout);
        await Task.Delay(300); // anything extra (a duplicate) would arrive now
        items = await fixture.ReadAllAsync(fixture.Options.Tables.WindData, locations);

        // Every reading exactly once.
        Assert.Equal(dataset.Count, items.Count);
        Assert.Equal(
            dataset.Select(r => (r.Reading.Turbine, r.Reading.Seq)).Order(),
            items.Select(i => (i.GetString("turbine"), (long)i.GetNumber("seq"))).Order());
        Assert.All(items, i => Assert.Equal(AttributeType.Number, i["score"].Type));

        // The injected events are among the highest scores.
        var scores = items.ToDictionary(i => i.GetString(WindDataItem.SortKey), i => i.GetNumber("score"));
        double ScoreOf(SimulatedReading r) => scores[WindDataItem.EventId(r.Reading)];
        var normal = dataset.Where(r => r.Event == SevereEventKind.None && r.Reading.Seq > 150).Select(ScoreOf).Order().ToList();
        var p99 = normal[(int)(normal.Count * 0.99)];
        var spikes = dataset.Where(r => r.Event == SevereEventKind.Spike).ToList();
        Assert.NotEmpty(spikes);
        Assert.All(spikes, s => Assert.True(ScoreOf(s) > p99, $"spike {s.Reading.Turbine}#{s.Reading.Seq} ({s.Reading.SpeedMph} mph) scored {ScoreOf(s):F2}, normal p99 {p99:F2}"));
        Assert.All(spikes, s => Assert.True(ScoreOf(s) >= 3, $"spike {s.Reading.Turbine}#{s.Reading.Seq} scored {ScoreOf(s):F2} < 3"));
        var sustainedOnsets = dataset.Where(r => r.Event == SevereEventKind.SustainedHighWind)
            .GroupBy(r => r.Reading.Location).Select(g => g.MinBy(r => r.Reading.Seq)).ToList();
        Assert.NotEmpty(sustainedOnsets);
        Assert.All(sustainedOnsets, s => Assert.True(ScoreOf(s) > p99, $"sustained onset at {s.Reading.Location} scored {ScoreOf(s):F2}, normal p99 {p99:F2}"));

        // One max-speed item per location and closed window, holding the right maximum.
        var expected = ClosedWindows(dataset, fixture.Options.MaxSpeed.Window, fixture.Options.MaxSpeed.AllowedLateness);
        var windows = (await fixture.WaitForItemsAsync(fixture.Options.Tables.MaxWindSpeed, locations, expected.Count, WaitTimeout))
            .Select(MaxWindSpeedItem.ToWindow).ToList();
        Assert.Equal(expected.Count, windows.Count);
        foreach (var w in windows)
        {
            Assert.True(expected.TryGetValue((w.Location, w.WindowStart), out var e), $"unexpected window {w.Location} {w.WindowStart:O}");
            Assert.Equal(e.Max, w.MaxSpeedMph, 6);
            Assert.Equal(e.Count, w.ReadingCount);
        }

        // Every consumer of the flow is listed on every shard of its stream, healthy.
        var status = fixture.Pipeline!.Status;
        Assert.Equal(
            new[] { "AnalyticsDestinationFunction", "AnomalyDetection", "CalculateMaxSpeed", "DIYFunction", "RollupDestinationFunction", "WindRollup" }.SelectMany(c => Enumerable.Repeat(c, fixture.Options.Streams.ShardCount)),
            status.Select(s => s.Consumer).Order(StringComparer.Ordinal));
        Assert.All(status, s => Assert.Equal(ConsumerState.Healthy, s.State));
    }

    [Fact]
    public async Task A_crash_mid_stream_loses_nothing_duplicates_nothing_and_scores_as_an_uninterrupted_run()
    {
        var dataset = Dataset();
        var locations = dataset.Select(r => r.Reading.Location).Distinct().ToList();

        await using var uninterrupted = CreateFixture();
        await uninterrupted.OpenAsync();
        await uninterrupted.PutReadingsAsync(dataset.Select(r => r.Reading));
        await uninterrupted.StartAsync();
        var expected = await uninterrupted.WaitForItemsAsync(uninterrupted.Options.Tables.WindData, locations, dataset.Count, WaitTimeout);
        var expectedWindows = await uninterrupted.WaitForItemsAsync(uninterrupted.Options.Tables.MaxWindSpeed, locations,
            ClosedWindows(dataset, uninterrupted.Options.MaxSpeed.Window, uninterrupted.Options.MaxSpeed.AllowedLateness).Count, WaitTimeout);

        // The second half is put only after the restart, so the crash surely falls mid-stream; with a checkpoint
        // every second, the restart also replays what came after the last one.
        await using var crashed = CreateFixture();
        crashed.Options.Jobs.CheckpointInterval = TimeSpan.FromSeconds(1);
        var half = dataset.Count / 2;
        var before = await CrashMidStreamAsync(crashed, dataset, locations);
        Assert.InRange(before, half / 2, half);
        await Task.Delay(300);
        var actual = await crashed.ReadAllAsync(crashed.Options.Tables.WindData, locations);

        Assert.Equal(dataset.Count, actual.Count);
        var expectedScores = expected.ToDictionary(i => i.GetString(WindDataItem.SortKey), i => (i.GetNumber("score"), i.GetNumber("grade")));
        var actualScores = actual.ToDictionary(i => i.GetString(WindDataItem.SortKey), i => (i.GetNumber("score"), i.GetNumber("grade")));
        Assert.Equal(expectedScores, actualScores);
        var actualWindows = await crashed.WaitForItemsAsync(crashed.Options.Tables.MaxWindSpeed, locations, expectedWindows.Count, WaitTimeout);
        Assert.Equal(
            expectedWindows.Select(MaxWindSpeedItem.ToWindow).OrderBy(w => (w.Location, w.WindowStart)),
            actualWindows.Select(MaxWindSpeedItem.ToWindow).OrderBy(w => (w.Location, w.WindowStart)));
    }

    [Fact]
    public async Task After_a_crash_mid_stream_the_rollups_equal_a_recomputation_from_the_stored_readings()
    {
        var dataset = Dataset();
        var locations = dataset.Select(r => r.Reading.Location).Distinct().ToList();
        await using var crashed = CreateFixture();
        crashed.Options.Jobs.CheckpointInterval = TimeSpan.FromSeconds(1);
        crashed.Options.MaxSpeed.IdleTimeout = TimeSpan.FromMilliseconds(500);
        await CrashMidStreamAsync(crashed, dataset, locations);
        var stored = await crashed.ReadAllAsync(crashed.Options.Tables.WindData, locations);

        var series = locations.SelectMany(l => WindRollup.Widths.Select(w => WindRollupItem.Series(l, w))).ToList();
        var deadline = DateTime.UtcNow + WaitTimeout;
        List<WindRollup> rollups;
        do
        {
            await Task.Delay(200);
            rollups = (await crashed.ReadAllAsync(crashed.Options.Tables.WindRollup, series)).Select(WindRollupItem.ToRollup).ToList();
        }
        while (WindRollup.Widths.Any(w => rollups.Where(r => r.Width == w).Sum(r => r.Readings) < dataset.Count) && DateTime.UtcNow < deadline);

        // Parts of a bucket (readings that came after it had closed) add up; nothing is counted twice.
        var actual = rollups.GroupBy(r => (r.Location, r.Turbine, r.Width, r.Start))
            .ToDictionary(g => g.Key, g => (Count: g.Sum(r => r.Readings), Max: g.Max(r => r.MaxSpeedMph), Score: g.Max(r => r.Peak.Score)));
        var results = stored.Select(WindDataItem.ToResult).ToList();
        var expected = WindRollup.Widths
            .SelectMany(w => results.GroupBy(r => (r.Reading.Location, r.Reading.Turbine, Width: w, Start: WindRollup.BucketStart(r.Reading.Timestamp, w))))
            .ToDictionary(g => g.Key, g => (Count: (long)g.Count(), Max: g.Max(r => r.Reading.SpeedMph), Score: g.Max(r => r.Score)));
        Assert.Equal(dataset.Count, results.Count);
        Assert.Equal(expected, actual);
    }

    /// <summary>
    /// Runs <paramref name="dataset"/> through <paramref name="crashed"/> with a crash mid-stream: the first half is put and
    /// the flow started, it crashes once a quarter is stored, and it starts again before the second half is put (so the
    /// crash surely falls mid-stream). Returns how many readings were stored at the crash; returns once all are stored.
    /// </summary>
    private async Task<int> CrashMidStreamAsync(PipelineFixture crashed, IReadOnlyList<SimulatedReading> dataset, IReadOnlyList<string> locations)
    {
        var half = dataset.Count / 2;
        await crashed.OpenAsync();
        await crashed.PutReadingsAsync(dataset.Take(half).Select(r => r.Reading));
        await crashed.StartAsync();
        await crashed.WaitForItemsAsync(crashed.Options.Tables.WindData, locations, half / 2, WaitTimeout);
        await crashed.CrashAsync();
        await crashed.OpenAsync();
        var before = (await crashed.ReadAllAsync(crashed.Options.Tables.WindData, locations)).Count;
        await crashed.StartAsync();
        await crashed.PutReadingsAsync(dataset.Skip(half).Select(r => r.Reading));
        await crashed.WaitForItemsAsync(crashed.Options.Tables.WindData, locations, dataset.Count, WaitTimeout);
        return before;
    }

    [Fact]
    public async Task A_saved_state_the_job_cannot_read_is_logged_and_the_job_goes_on_with_a_fresh_state()
    {
        var dataset = PipelineFixture.AnomalyDataset(400, turbines: 2);
        var locations = dataset.Select(r => r.Reading.Location).Distinct().ToList();
        var half = dataset.Count / 2;
        await using var fixture = CreateFixture();
        fixture.Options.Jobs.CheckpointInterval = TimeSpan.FromMilliseconds(100);
        var backend = await fixture.OpenAsync();
        await fixture.PutReadingsAsync(dataset.Take(half).Select(r => r.Reading));
        await fixture.StartAsync();
        await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, locations, half, WaitTimeout);
        var stream = fixture.Options.Streams.WindData;
        var shards = (await backend.Streams.ListShardsAsync(stream)).Select(s => s.ShardId).ToList();
        var saved = new List<Checkpoint>();
        foreach (var shard in shards)
        {
            // Wait for the checkpoint of each shard that received readings (the interval is short).
            for (var tries = 0; tries < 20 && await backend.Checkpoints.LoadAsync("AnomalyDetection", stream, shard) is null; tries++)
                await Task.Delay(100);
            if (await backend.Checkpoints.LoadAsync("AnomalyDetection", stream, shard) is { } checkpoint)
                saved.Add(checkpoint);
        }
        Assert.NotEmpty(saved);
        await fixture.CrashAsync();

        // A state in a format this version does not know (as an older version's forests would be).
        backend = await fixture.OpenAsync();
        foreach (var checkpoint in saved)
            await backend.Checkpoints.SaveAsync(checkpoint with { State = new byte[] { 99, 1, 2, 3 } });
        await fixture.StartAsync();
        await fixture.PutReadingsAsync(dataset.Skip(half).Select(r => r.Reading));
        var items = await fixture.WaitForItemsAsync(fixture.Options.Tables.WindData, locations, dataset.Count, WaitTimeout);

        Assert.Equal(dataset.Count, items.Count);
        var warnings = fixture.Logs.Lines.Where(l => l.Contains("cannot read its saved state")).ToList();
        Assert.Equal(saved.Count, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("version 99 is not supported", w));
    }

    /// <summary>The windows that must have closed, with their maximum and count, computed directly from the readings.</summary>
    internal static Dictionary<(string Location, DateTimeOffset Start), (double Max, long Count)> ClosedWindows(
        IEnumerable<SimulatedReading> dataset, TimeSpan window, TimeSpan lateness)
    {
        var readings = dataset.Select(r => r.Reading).ToList();
        var watermark = readings.Max(r => r.Timestamp) - lateness;
        return readings
            .GroupBy(r => (r.Location, Start: new DateTimeOffset(r.Timestamp.UtcTicks - r.Timestamp.UtcTicks % window.Ticks, TimeSpan.Zero)))
            .Where(g => g.Key.Start + window <= watermark)
            .ToDictionary(g => g.Key, g => (Max: g.Max(r => r.SpeedMph), Count: g.LongCount()));
    }
}
