using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Jobs;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Tests.Core.Runtime;

namespace TurbineConsole.Tests.Core.Jobs;

public class CalculateMaxSpeedJobTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_window_closes_when_the_watermark_passes_its_end_with_its_maximum()
    {
        var processor = new CalculateMaxSpeedJob("in", "out", new MaxSpeedOptions()).CreateProcessor();
        var output = new JobOutput();

        Process(processor, output, Reading(0, 30), Reading(20, 44.5), Reading(59, 12), Reading(64, 20));
        Assert.Empty(output.Records);
        Process(processor, output, Reading(65, 25));

        var window = MaxSpeedWindowCodec.Decode(Assert.Single(output.Records).Data);
        Assert.Equal((44.5, 3L, s_start, s_start.AddMinutes(1)), (window.MaxSpeedMph, window.ReadingCount, window.WindowStart, window.WindowEnd));
    }

    [Fact]
    public void When_the_shard_goes_idle_open_windows_close_and_later_readings_for_them_are_late()
    {
        var processor = new CalculateMaxSpeedJob("in", "out", new MaxSpeedOptions()).CreateProcessor();
        var output = new JobOutput();
        Process(processor, output, Reading(0, 30), Reading(70, 52));

        Assert.True(processor.OnIdle(output));

        Assert.Equal([30.0, 52.0], output.Records.Select(r => MaxSpeedWindowCodec.Decode(r.Data).MaxSpeedMph));
        Assert.False(processor.OnIdle(output));
        var late = Assert.Throws<RecordFormatException>(() => Process(processor, output, Reading(100, 60)));
        Assert.Contains("Late reading", late.Message);
    }

    [Fact]
    public void A_location_that_left_memory_comes_back_with_its_watermark_so_readings_for_its_closed_windows_stay_late()
    {
        var processor = (IKeyedShardProcessor)new CalculateMaxSpeedJob("in", "out", new MaxSpeedOptions()).CreateProcessor();
        var output = new JobOutput();
        Process(processor, output, Reading(0, 30), Reading(70, 52));
        Assert.Empty(processor.Evict(TimeSpan.FromTicks(1), maxKeys: 10)); // an open window keeps the location in memory
        processor.OnIdle(output);

        var evicted = Assert.Single(processor.Evict(TimeSpan.Zero, maxKeys: 0));
        Assert.Equal(("City", true), (evicted.Key, evicted.OverCap));
        Assert.Equal(0, processor.KeyCount);
        var late = new StreamRecord("2", "City", WindReadingCodec.Encode(Reading(100, 60)), s_start);
        Assert.Equal([("City", "2")], processor.MissingKeys([late]));
        processor.RestoreKey(evicted.Key, evicted.State);

        Assert.Contains("Late reading", Assert.Throws<RecordFormatException>(() => processor.Process(late, output)).Message);
        Assert.Empty(processor.MissingKeys([late]));
    }

    [Fact]
    public async Task The_last_window_of_a_stopped_dataset_reaches_the_table_once_the_shard_is_idle()
    {
        await using var fixture = PipelineFixture.Create(o => o.MaxSpeed.IdleTimeout = TimeSpan.FromMilliseconds(300));
        await fixture.OpenAsync();
        var readings = new WindDatasetGenerator(WindDataset.Diy, new DatasetOptions { TurbinesPerLocation = 2, StartTime = s_start })
            .Take(90).Select(r => r.Reading).ToList();
        await fixture.PutReadingsAsync(readings);

        await fixture.StartAsync();
        var items = await fixture.WaitForItemsAsync(fixture.Options.Tables.MaxWindSpeed, ["City"], 2);

        var windows = items.Select(MaxWindSpeedItem.ToWindow).OrderBy(w => w.WindowStart).ToList();
        Assert.Equal([s_start, s_start.AddMinutes(1)], windows.Select(w => w.WindowStart));
        Assert.Equal(readings.Where(r => r.Timestamp >= s_start.AddMinutes(1)).Max(r => r.SpeedMph), windows[1].MaxSpeedMph);
        Assert.Equal(60, windows[1].ReadingCount);
    }

    [Fact]
    public void A_reading_stamped_years_ahead_of_its_arrival_is_refused_and_moves_no_watermark()
    {
        var processor = new CalculateMaxSpeedJob("in", "out", new MaxSpeedOptions()).CreateProcessor();
        var output = new JobOutput();
        Process(processor, output, Reading(0, 30), Reading(10, 35));

        var future = Reading(0, 99) with { Timestamp = s_start.AddYears(3) };
        var error = Assert.Throws<RecordFormatException>(() => Process(processor, output, future));
        Process(processor, output, Reading(20, 41), Reading(65, 20), Reading(66, 21));

        Assert.Contains("Pipeline:EventTime:MaxAheadOfArrival", error.Message);
        var window = MaxSpeedWindowCodec.Decode(Assert.Single(output.Records).Data);
        Assert.Equal((41.0, 3L), (window.MaxSpeedMph, window.ReadingCount));
    }

    [Fact]
    public void A_reading_stamped_long_before_its_arrival_is_refused_naming_the_setting()
    {
        var processor = new CalculateMaxSpeedJob("in", "out", new MaxSpeedOptions(), new EventTimeOptions { MaxBehindArrival = TimeSpan.FromHours(1) }).CreateProcessor();

        var error = Assert.Throws<RecordFormatException>(() => Process(processor, new JobOutput(), Reading(0, 30) with { Timestamp = s_start.AddDays(-3) }));

        Assert.Contains("before the reading arrived", error.Message);
        Assert.Contains("Pipeline:EventTime:MaxBehindArrival", error.Message);
    }

    [Fact]
    public void One_location_running_ahead_does_not_make_another_locations_readings_late()
    {
        var processor = new CalculateMaxSpeedJob("in", "out", new MaxSpeedOptions()).CreateProcessor();
        var output = new JobOutput();
        Process(processor, output, Reading(0, 30), Reading(0, 50) with { Location = "Fast" }, Reading(170, 55) with { Location = "Fast" });

        Process(processor, output, Reading(30, 33), Reading(70, 20));

        var windows = output.Records.Select(r => MaxSpeedWindowCodec.Decode(r.Data)).ToList();
        Assert.Contains(windows, w => w is { Location: "Fast", MaxSpeedMph: 50 });
        Assert.Contains(windows, w => w is { Location: "City", MaxSpeedMph: 33, ReadingCount: 2 });
    }

    [Fact]
    public void The_windows_of_a_location_that_falls_silent_close_while_others_go_on()
    {
        var processor = new CalculateMaxSpeedJob("in", "out", new MaxSpeedOptions { IdleTimeout = TimeSpan.FromMinutes(2) }).CreateProcessor();
        var output = new JobOutput();
        Process(processor, output, Reading(0, 30) with { Location = "Quiet" }, Reading(1, 31));

        for (var second = 2; second <= 150; second++)
            processor.Process(Record(Reading(second, 20), s_start.AddSeconds(second)), output);

        var quiet = output.Records.Select(r => MaxSpeedWindowCodec.Decode(r.Data)).Single(w => w.Location == "Quiet");
        Assert.Equal((30.0, 1L), (quiet.MaxSpeedMph, quiet.ReadingCount));
    }

    [Fact]
    public void Windows_and_watermarks_survive_a_checkpoint()
    {
        var job = new CalculateMaxSpeedJob("in", "out", new MaxSpeedOptions());
        var first = job.CreateProcessor();
        var output = new JobOutput();
        Process(first, output, Reading(0, 30), Reading(70, 44), Reading(10, 61) with { Location = "Other" });

        var second = job.CreateProcessor();
        second.RestoreState(first.SaveState());

        Assert.Throws<RecordFormatException>(() => Process(second, output, Reading(5, 90)));
        Assert.True(second.OnIdle(output));
        Assert.Equal(["City 30", "City 44", "Other 61"], output.Records.Select(r => MaxSpeedWindowCodec.Decode(r.Data)).Select(w => $"{w.Location} {w.MaxSpeedMph}").Order());
    }

    [Fact]
    public void A_checkpoint_of_state_version_2_restores_and_is_saved_again_byte_for_byte()
    {
        // Version 2: the last sweep, each location's newest event time and last arrival, then the open windows.
        var saved = State(2, w =>
        {
            w.Write(s_start.AddSeconds(3).UtcTicks);
            w.Write(1);
            w.Write("City");
            w.Write(s_start.AddSeconds(70).UtcTicks);
            w.Write(s_start.AddSeconds(2).UtcTicks);
            w.Write(2);
            WriteWindow(w, 0, "City", 30, 2);
            WriteWindow(w, 60, "City", 44, 1);
        });
        var processor = new CalculateMaxSpeedJob("in", "out", new MaxSpeedOptions()).CreateProcessor();
        var output = new JobOutput();

        processor.RestoreState(saved);

        Assert.Equal(saved, processor.SaveState());
        Assert.True(processor.OnIdle(output));
        Assert.Equal(["City 30 2", "City 44 1"], output.Records.Select(r => MaxSpeedWindowCodec.Decode(r.Data)).Select(w => $"{w.Location} {w.MaxSpeedMph} {w.ReadingCount}"));
    }

    [Fact]
    public void A_checkpoint_of_state_version_1_restores_with_the_shard_watermark_for_every_location_with_open_windows()
    {
        // Version 1: one newest event time for the shard, then the open windows.
        var saved = State(1, w =>
        {
            w.Write(s_start.AddSeconds(70).UtcTicks);
            w.Write(1);
            WriteWindow(w, 60, "City", 44, 3);
        });
        var processor = new CalculateMaxSpeedJob("in", "out", new MaxSpeedOptions()).CreateProcessor();

        processor.RestoreState(saved);

        var expected = State(2, w =>
        {
            w.Write(0L);
            w.Write(1);
            w.Write("City");
            w.Write(s_start.AddSeconds(70).UtcTicks);
            w.Write(0L);
            w.Write(1);
            WriteWindow(w, 60, "City", 44, 3);
        });
        Assert.Equal(expected, processor.SaveState());
        Assert.Throws<RecordFormatException>(() => Process(processor, new JobOutput(), Reading(5, 90)));
    }

    [Fact]
    public async Task A_reading_from_years_ahead_among_ordinary_ones_is_dead_lettered_and_every_ordinary_window_reaches_the_table()
    {
        await using var fixture = PipelineFixture.Create(o => o.MaxSpeed.IdleTimeout = TimeSpan.FromMilliseconds(300));
        var backend = await fixture.OpenAsync();
        var readings = new WindDatasetGenerator(WindDataset.Diy, new DatasetOptions { TurbinesPerLocation = 2, StartTime = s_start })
            .Take(240).Select(r => r.Reading).ToList();
        var skewed = readings[100] with { Timestamp = DateTimeOffset.UtcNow.AddYears(3), Seq = 1_000_000, SpeedMph = 99 };
        await fixture.PutReadingsAsync([.. readings.Take(120), skewed, .. readings.Skip(120)]);

        await fixture.StartAsync();
        var expected = readings.GroupBy(r => r.Timestamp.UtcTicks / TimeSpan.TicksPerMinute)
            .Select(g => (Start: new DateTimeOffset(g.Key * TimeSpan.TicksPerMinute, TimeSpan.Zero), Max: g.Max(r => r.SpeedMph), Count: (long)g.Count()))
            .OrderBy(w => w.Start).ToList();
        var items = await fixture.WaitForItemsAsync(fixture.Options.Tables.MaxWindSpeed, ["City"], expected.Count);

        var windows = items.Select(MaxWindSpeedItem.ToWindow).OrderBy(w => w.WindowStart).Select(w => (w.WindowStart, w.MaxSpeedMph, w.ReadingCount)).ToList();
        Assert.Equal(expected, windows);
        var letter = Assert.Single(await backend.DeadLetters.ListAsync("CalculateMaxSpeed", 10));
        Assert.Contains("Pipeline:EventTime:MaxAheadOfArrival", letter.Reason);
    }

    private static WindReading Reading(int second, double speed) => new("City", "CIT-01", speed, s_start.AddSeconds(second), second, "diy");

    private static void Process(IShardProcessor processor, JobOutput output, params WindReading[] readings)
    {
        foreach (var reading in readings)
            processor.Process(Record(reading, s_start), output);
    }

    private static StreamRecord Record(WindReading reading, DateTimeOffset arrival) => new("1", reading.Location, WindReadingCodec.Encode(reading), arrival);

    /// <summary>A saved state written field by field, as the processor's <c>SaveState</c> of that version wrote it.</summary>
    private static byte[] State(byte version, Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8);
        writer.Write(version);
        write(writer);
        writer.Flush();
        return stream.ToArray();
    }

    private static void WriteWindow(BinaryWriter writer, int startSecond, string location, double max, long count)
    {
        writer.Write(s_start.AddSeconds(startSecond).UtcTicks);
        writer.Write(location);
        writer.Write(max);
        writer.Write(count);
    }
}
