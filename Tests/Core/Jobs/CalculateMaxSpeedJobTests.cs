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

    private static WindReading Reading(int second, double speed) => new("City", "CIT-01", speed, s_start.AddSeconds(second), second, "diy");

    private static void Process(IShardProcessor processor, JobOutput output, params WindReading[] readings)
    {
        foreach (var reading in readings)
            processor.Process(new StreamRecord("1", reading.Location, WindReadingCodec.Encode(reading), s_start), output);
    }
}
