using System.Diagnostics;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Benchmarks.Pipeline;

/// <summary>
/// <c>pipeline</c>: pushes readings from many turbines through the whole flow on the embedded backend and prints
/// throughput (put into WindDataStream until every item is in WindDataTable) and latency at a steady rate
/// (put of a reading until its item is written to WindDataTable; the same for a window reaching MaxWindSpeedTable).
/// </summary>
public static class PipelineCommand
{
    /// <summary>Runs the benchmark; options <c>--readings N --rate R --seconds S --locations L --turbines T</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = CommandLine.Parse(args);
        var readings = arguments.Int("readings", 200_000);
        var rate = arguments.Int("rate", 2_000);
        var seconds = arguments.Int("seconds", 20);
        var locations = arguments.Int("locations", 20);
        var turbines = arguments.Int("turbines", 50);

        await ThroughputAsync(readings, locations, turbines);
        await LatencyAsync(rate, seconds, locations, Math.Max(1, rate / locations / 10));
        return 0;
    }

    private static async Task ThroughputAsync(int count, int locations, int turbines)
    {
        await using var run = await BenchmarkPipeline.StartAsync(window: TimeSpan.FromSeconds(10));
        var dataset = new DatasetOptions { Locations = locations, TurbinesPerLocation = turbines, StartTime = DateTimeOffset.UtcNow, TickInterval = TimeSpan.FromSeconds(1) };
        var entries = new WindDatasetGenerator(WindDataset.Anomaly, dataset).Take((count + locations * turbines - 1) / (locations * turbines))
            .Take(count).Select(r => new PutRecordsEntry(r.Reading.Location, WindReadingCodec.Encode(r.Reading))).ToList();
        var publisher = new StreamPublisher(run.Backend.Streams);

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < entries.Count; i += 5_000)
            await publisher.PutAllAsync(run.Options.Streams.WindData, entries.GetRange(i, Math.Min(5_000, entries.Count - i)));
        var putSeconds = clock.Elapsed.TotalSeconds;
        await run.WaitForItemsAsync(entries.Count, TimeSpan.FromMinutes(5));
        var total = clock.Elapsed.TotalSeconds;

        Console.WriteLine($"pipeline readings_per_s={entries.Count / total:F0} readings={entries.Count} turbines={locations * turbines} put_readings_per_s={entries.Count / putSeconds:F0} seconds={total:F2}");
        Console.WriteLine($"maxspeed readings_per_s={run.Pipeline.MaxSpeed.Processed / total:F0} windows_written={run.WindowsWritten}");
    }

    private static async Task LatencyAsync(int rate, int seconds, int locations, int turbinesPerLocation)
    {
        await using var run = await BenchmarkPipeline.StartAsync(window: TimeSpan.FromSeconds(1));
        var perTick = locations * turbinesPerLocation;
        var generator = new WindDatasetGenerator(WindDataset.Normal, new DatasetOptions
        {
            Locations = locations,
            TurbinesPerLocation = turbinesPerLocation,
            StartTime = DateTimeOffset.UtcNow,
            TickInterval = TimeSpan.FromSeconds(perTick / (double)rate),
        });
        var publisher = new StreamPublisher(run.Backend.Streams);
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var total = rate * seconds;
        while (sent < total)
        {
            var due = Math.Min(total, (int)(clock.Elapsed.TotalSeconds * rate) + 1);
            var batch = new List<WindReading>();
            while (sent + batch.Count < due)
                batch.AddRange(generator.NextTick().Select(r => r.Reading));
            if (batch.Count > 0)
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var r in batch)
                    run.PutTimes[WindDataItem.EventId(r)] = now;
                await publisher.PutAllAsync(run.Options.Streams.WindData, batch.Select(r => new PutRecordsEntry(r.Location, WindReadingCodec.Encode(r))).ToList());
                foreach (var r in batch)
                    run.NoteWindowPut(r, now);
                sent += batch.Count;
            }
            await Task.Delay(10);
        }
        await run.WaitForItemsAsync(sent, TimeSpan.FromMinutes(2));

        var latencies = run.ItemLatencies.ToArray();
        Console.WriteLine($"pipeline rate={rate} readings={latencies.Length} p50_ms={Percentile(latencies, 0.50):F1} p99_ms={Percentile(latencies, 0.99):F1} max_ms={latencies.Max():F1}");
        var windows = run.WindowLatencies.ToArray();
        if (windows.Length > 0)
            Console.WriteLine($"maxspeed rate={rate} windows={windows.Length} p50_ms={Percentile(windows, 0.50):F1} p99_ms={Percentile(windows, 0.99):F1}");
    }

    private static double Percentile(double[] values, double p)
    {
        if (values.Length == 0)
            return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
