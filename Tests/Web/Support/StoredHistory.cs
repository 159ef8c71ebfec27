using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Jobs;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Tests.Web.Support;

/// <summary>
/// Writes a location's scored readings straight into the tables, as the pipeline would have stored them: the readings
/// into WindDataTable, the rollups the WindRollup job emits for them into WindRollupTable (the newest buckets, still
/// open, are left out as they would be), and a one-minute max-speed window per minute into MaxWindSpeedTable.
/// </summary>
internal static class StoredHistory
{
    /// <summary>Items per write.</summary>
    private const int Batch = 5_000;

    /// <summary>Writes <paramref name="results"/> (one location, in time order) and what the pipeline derives from them; returns how many readings.</summary>
    public static async Task<long> WriteAsync(ITableStore tables, TableSettings names, IEnumerable<AnomalyResult> results)
    {
        var processor = new WindRollupJob("in", "out", new MaxSpeedOptions()).CreateProcessor();
        var output = new JobOutput();
        var readings = new List<Item>(Batch);
        var windows = new Dictionary<(string Location, DateTimeOffset Start), (double Max, long Count)>();
        long count = 0;
        foreach (var result in results)
        {
            readings.Add(WindDataItem.From(result));
            processor.Process(new StreamRecord("1", result.Reading.Location, AnomalyResultCodec.Encode(result), result.Reading.Timestamp), output);
            var window = (result.Reading.Location, WindRollup.BucketStart(result.Reading.Timestamp, TimeSpan.FromMinutes(1)));
            windows[window] = windows.TryGetValue(window, out var w) ? (Math.Max(w.Max, result.Reading.SpeedMph), w.Count + 1) : (result.Reading.SpeedMph, 1);
            count++;
            if (readings.Count == Batch)
            {
                await tables.PutItemsAsync(names.WindData, readings);
                readings.Clear();
            }
            if (output.Records.Count >= Batch)
            {
                await tables.PutItemsAsync(names.WindRollup, output.Records.Select(r => WindRollupItem.From(WindRollupCodec.Decode(r.Data))).ToList());
                output.Clear();
            }
        }
        await tables.PutItemsAsync(names.WindData, readings);
        await tables.PutItemsAsync(names.WindRollup, output.Records.Select(r => WindRollupItem.From(WindRollupCodec.Decode(r.Data))).ToList());
        foreach (var chunk in windows.Chunk(Batch))
        {
            await tables.PutItemsAsync(names.MaxWindSpeed,
                chunk.Select(w => MaxWindSpeedItem.From(new MaxSpeedWindow(w.Key.Location, w.Value.Max, w.Key.Start, w.Key.Start.AddMinutes(1), w.Value.Count))).ToList());
        }
        return count;
    }

    /// <summary>
    /// <paramref name="count"/> readings of <paramref name="turbines"/> turbines of <paramref name="location"/> spread evenly
    /// over the week before <paramref name="end"/>, calm (8 to 38 mph, scores under 1.5) but for one 97 mph spike scored
    /// 6.5 at <paramref name="spikeAt"/>, in time order.
    /// </summary>
    public static IEnumerable<AnomalyResult> CalmWeekWithASpike(string location, int turbines, long count, DateTimeOffset end, DateTimeOffset spikeAt)
    {
        var random = new Random(17);
        var start = end - TimeSpan.FromDays(7);
        var step = TimeSpan.FromDays(7).Ticks / count;
        var spikeIndex = (spikeAt - start).Ticks / step;
        for (long i = 1; i <= count; i++)
        {
            var turbine = $"{location[..3].ToUpperInvariant()}-{1 + (i % turbines):D2}";
            var reading = new WindReading(location, turbine, Math.Round(8 + (random.NextDouble() * 30), 1), start + TimeSpan.FromTicks(step * i), i, "normal");
            yield return i == spikeIndex
                ? new AnomalyResult(reading with { SpeedMph = 97 }, 6.5, 1, 14) { Attribution = new SpeedAttribution(6.3, 0.2) }
                : new AnomalyResult(reading, Math.Round(0.5 + random.NextDouble(), 3), 0, null);
        }
    }
}
