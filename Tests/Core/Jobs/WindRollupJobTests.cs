using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Jobs;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Tests.Core.Jobs;

public class WindRollupJobTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static readonly WindRollupJob s_job = new("in", "out", new MaxSpeedOptions());

    [Fact]
    public void Rollups_equal_a_recomputation_from_the_readings_for_every_turbine_and_width()
    {
        var results = Results(turbines: 3, seconds: 25 * 60, step: 7, seed: 11);
        var processor = s_job.CreateProcessor();
        var output = new JobOutput();

        Process(processor, output, results);
        processor.OnIdle(output);

        Assert.Equal(Recompute(results), Decode(output).Select(Summary).Order());
    }

    [Fact]
    public void A_bucket_closes_when_the_watermark_passes_its_end_and_keeps_its_highest_speed_and_highest_scored_reading()
    {
        var processor = s_job.CreateProcessor();
        var output = new JobOutput();
        var spike = Result("CIT-01", 20, 97, 6.5, expected: 14) with { Attribution = new SpeedAttribution(6.2, 0.3) };

        Process(processor, output, [Result("CIT-01", 0, 30, 0.7), spike, Result("CIT-01", 40, 99, 1.1), Result("CIT-01", 64, 20, 0.6)]);
        Assert.Empty(output.Records);
        Process(processor, output, [Result("CIT-01", 65, 25, 0.6)]);

        var rollup = Assert.Single(Decode(output));
        Assert.Equal((s_start, WindRollup.Fine, 3L, 99.0, (string?)null), (rollup.Start, rollup.Width, rollup.Readings, rollup.MaxSpeedMph, rollup.Part));
        Assert.Equal(spike, rollup.Peak);
    }

    [Fact]
    public void Readings_the_anomaly_job_sends_again_after_a_crash_are_counted_once()
    {
        var results = Results(turbines: 2, seconds: 15 * 60, step: 5, seed: 3);
        var processor = s_job.CreateProcessor();
        var output = new JobOutput();

        // The anomaly job crashed after putting the first 200 results and before its checkpoint: it puts 150 of them again.
        Process(processor, output, results.Take(200));
        Process(processor, output, results.Skip(50).Take(150));
        Process(processor, output, results.Skip(200));
        processor.OnIdle(output);

        Assert.Equal(Recompute(results), Decode(output).Select(Summary).Order());
        Assert.Equal(results.Count, Decode(output).Where(r => r.Width == WindRollup.Fine).Sum(r => r.Readings));
    }

    [Fact]
    public void A_restart_from_a_checkpoint_replays_into_the_same_items_as_a_run_that_never_stopped()
    {
        var results = Results(turbines: 2, seconds: 30 * 60, step: 3, seed: 5);
        var uninterrupted = s_job.CreateProcessor();
        var expected = new JobOutput();
        Process(uninterrupted, expected, results);
        uninterrupted.OnIdle(expected);

        // Checkpoint after 300 records, crash after 700 (their rollups were written already), restart from the checkpoint.
        var first = s_job.CreateProcessor();
        var written = new JobOutput();
        Process(first, written, results.Take(300));
        var checkpoint = first.SaveState();
        Process(first, written, results.Skip(300).Take(400));
        var restarted = s_job.CreateProcessor();
        restarted.RestoreState(checkpoint);
        Process(restarted, written, results.Skip(300));
        restarted.OnIdle(written);

        Assert.Equal(Table(expected), Table(written));
    }

    [Fact]
    public void A_reading_for_a_bucket_already_closed_is_counted_in_a_part_of_its_own_named_after_its_record()
    {
        var processor = s_job.CreateProcessor();
        var output = new JobOutput();
        Process(processor, output, [Result("CIT-01", 10, 30, 0.7), Result("CIT-02", 10, 31, 0.7), Result("CIT-01", 80, 32, 0.7)]);
        var late = Result("CIT-02", 50, 45, 0.9);
        processor.Process(Record(late, "77"), output);
        Process(processor, output, [Result("CIT-01", 140, 33, 0.7)]);

        var fine = Decode(output).Where(r => r.Width == WindRollup.Fine && r.Start == s_start && r.Turbine == "CIT-02").ToList();
        Assert.Equal([(null, 1L, 31.0), ("77", 1L, 45.0)], fine.Select(r => (r.Part, r.Readings, r.MaxSpeedMph)).OrderBy(r => r.Part));
        Assert.Equal(2, fine.Select(r => WindRollupItem.From(r)[WindRollupItem.SortKey].S).Distinct().Count());
    }

    [Fact]
    public void Open_buckets_and_what_each_turbine_counted_survive_a_checkpoint()
    {
        var first = s_job.CreateProcessor();
        var output = new JobOutput();
        Process(first, output, [Result("CIT-01", 0, 30, 0.7), Result("CIT-01", 30, 44, 2.5) with { Attribution = new SpeedAttribution(2, 0.5) }]);

        var second = s_job.CreateProcessor();
        second.RestoreState(first.SaveState());
        Process(second, output, [Result("CIT-01", 30, 44, 2.5), Result("CIT-01", 50, 20, 0.5)]);
        second.OnIdle(output);

        var fine = Assert.Single(Decode(output), r => r.Width == WindRollup.Fine);
        Assert.Equal((3L, 44.0, 2.5, 2.0), (fine.Readings, fine.MaxSpeedMph, fine.Peak.Score, fine.Peak.Attribution!.High));
    }

    [Fact]
    public void A_checkpoint_of_state_version_1_restores_and_is_saved_again_byte_for_byte()
    {
        // Version 1: the last sweep, each location's newest event time and last arrival, each turbine's newest counted
        // reading, then the open buckets (finest first, as they close).
        var peak = Result("CIT-01", 30, 44, 2.5) with { Attribution = new SpeedAttribution(2, 0.5) };
        var saved = State(w =>
        {
            w.Write(s_start.AddSeconds(2).UtcTicks);
            w.Write(1);
            w.Write("City");
            w.Write(s_start.AddSeconds(40).UtcTicks);
            w.Write(s_start.AddSeconds(1).UtcTicks);
            w.Write(1);
            w.Write("City");
            w.Write("CIT-01");
            w.Write(s_start.AddSeconds(40).UtcTicks);
            w.Write(40L);
            w.Write(2);
            WriteBucket(w, WindRollup.Fine, 3, 51, "", peak);
            WriteBucket(w, WindRollup.Coarse, 3, 51, "", peak);
        });
        var processor = s_job.CreateProcessor();
        var output = new JobOutput();

        processor.RestoreState(saved);

        Assert.Equal(saved, processor.SaveState());
        Process(processor, output, [Result("CIT-01", 40, 90, 0.1), Result("CIT-01", 50, 20, 0.5)]);
        processor.OnIdle(output);
        Assert.Equal([(WindRollup.Fine, 4L, 51.0), (WindRollup.Coarse, 4L, 51.0)], Decode(output).Select(r => (r.Width, r.Readings, r.MaxSpeedMph)));
        Assert.All(Decode(output), r => Assert.Equal(peak, r.Peak));
    }

    [Fact]
    public void The_buckets_of_a_location_that_falls_silent_close_while_others_go_on()
    {
        var processor = new WindRollupJob("in", "out", new MaxSpeedOptions { IdleTimeout = TimeSpan.FromMinutes(2) }).CreateProcessor();
        var output = new JobOutput();
        var quiet = Result("CIT-01", 0, 30, 0.7) with { Reading = Result("CIT-01", 0, 30, 0.7).Reading with { Location = "Quiet" } };
        processor.Process(Record(quiet, "1", s_start), output);

        for (var second = 1; second <= 150; second++)
            processor.Process(Record(Result("CIT-01", second, 20, 0.5), "1", s_start.AddSeconds(second)), output);

        Assert.Equal([WindRollup.Fine, WindRollup.Coarse], Decode(output).Where(r => r.Location == "Quiet").Select(r => r.Width));
        Assert.DoesNotContain(Decode(output), r => r.Location == "City" && r.Width == WindRollup.Coarse);
    }

    [Fact]
    public void A_record_that_is_not_a_scored_reading_is_refused_for_the_dead_letters()
    {
        var processor = s_job.CreateProcessor();

        Assert.Throws<RecordFormatException>(() => processor.Process(new StreamRecord("1", "City", "{\"location\":\"City\"}"u8.ToArray(), s_start), new JobOutput()));
    }

    /// <summary>Per turbine, width and bucket start: count, highest speed, highest score, from the results themselves.</summary>
    private static List<string> Recompute(IEnumerable<AnomalyResult> results) => WindRollup.Widths
        .SelectMany(width => results.GroupBy(r => (r.Reading.Turbine, Start: WindRollup.BucketStart(r.Reading.Timestamp, width)))
            .Select(g => Summary(g.Key.Turbine, width, g.Key.Start, g.Count(), g.Max(r => r.Reading.SpeedMph), g.Max(r => r.Score))))
        .Order().ToList();

    private static string Summary(WindRollup r) => Summary(r.Turbine, r.Width, r.Start, r.Readings, r.MaxSpeedMph, r.Peak.Score);

    private static string Summary(string turbine, TimeSpan width, DateTimeOffset start, long count, double max, double score) =>
        FormattableString.Invariant($"{turbine} {width.TotalMinutes} {start:O} {count} {max} {score}");

    /// <summary>What the table holds after writing every emitted rollup in order: the last write per key.</summary>
    private static Dictionary<string, string> Table(JobOutput output)
    {
        var table = new Dictionary<string, string>();
        foreach (var rollup in Decode(output))
        {
            var item = WindRollupItem.From(rollup);
            table[item[WindRollupItem.PartitionKey].S + " " + item[WindRollupItem.SortKey].S] = Summary(rollup);
        }
        return table;
    }

    private static List<WindRollup> Decode(JobOutput output) => output.Records.Select(r => WindRollupCodec.Decode(r.Data)).ToList();

    /// <summary>Readings of <paramref name="turbines"/> turbines every <paramref name="step"/> seconds, with random speeds and scores.</summary>
    private static List<AnomalyResult> Results(int turbines, int seconds, int step, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, seconds / step)
            .SelectMany(i => Enumerable.Range(1, turbines).Select(t => Result($"CIT-0{t}", i * step, Math.Round(5 + (random.NextDouble() * 60), 1), Math.Round(random.NextDouble() * 4, 3))))
            .ToList();
    }

    private static AnomalyResult Result(string turbine, int second, double speed, double score, double? expected = null) =>
        new(new WindReading("City", turbine, speed, s_start.AddSeconds(second), second, "anomaly"), score, score >= 3 ? 1 : 0, expected);

    private static void Process(IShardProcessor processor, JobOutput output, IEnumerable<AnomalyResult> results)
    {
        foreach (var result in results)
            processor.Process(Record(result, "1"), output);
    }

    private static StreamRecord Record(AnomalyResult result, string sequenceNumber) => Record(result, sequenceNumber, s_start);

    private static StreamRecord Record(AnomalyResult result, string sequenceNumber, DateTimeOffset arrival) =>
        new(sequenceNumber, result.Reading.Location, AnomalyResultCodec.Encode(result), arrival);

    /// <summary>A saved state of version 1 written field by field, as the processor's <c>SaveState</c> wrote it.</summary>
    private static byte[] State(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8);
        writer.Write((byte)1);
        write(writer);
        writer.Flush();
        return stream.ToArray();
    }

    private static void WriteBucket(BinaryWriter writer, TimeSpan width, long count, double max, string part, AnomalyResult peak)
    {
        writer.Write(peak.Reading.Location);
        writer.Write(peak.Reading.Turbine);
        writer.Write(WindRollup.BucketStart(peak.Reading.Timestamp, width).UtcTicks);
        writer.Write(width.Ticks);
        writer.Write(count);
        writer.Write(max);
        writer.Write(part);
        var bytes = AnomalyResultCodec.Encode(peak);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }
}
