using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Jobs;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Benchmarks.Pipeline;

/// <summary>
/// <c>keys</c>: many distinct locations come and go through the AnomalyDetection job on one shard of the embedded
/// backend, in waves (each wave's locations send their readings, then fall silent for good). Prints, as the waves go by,
/// the forests held in memory, the size of the shard's checkpoint and the process's managed memory: with idle keys and the
/// cap evicting (<see cref="JobRunnerOptions.KeyIdleAfter"/>, <see cref="JobRunnerOptions.MaxKeysPerShard"/>) they stay flat.
/// </summary>
public static class KeysCommand
{
    private const string Input = "WindDataStream";
    private const string Output = "AnomalyDetectionStream";

    /// <summary>Runs the benchmark; options <c>--locations N --wave W --readings R --idle-seconds S --cap C</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var arguments = CommandLine.Parse(args).Only("locations", "wave", "readings", "idle-seconds", "cap");
        var locations = arguments.Int("locations", 10_000);
        var wave = arguments.Int("wave", 200);
        var readings = arguments.Int("readings", 260);
        var options = new JobRunnerOptions { KeyIdleAfter = TimeSpan.FromSeconds(arguments.Int("idle-seconds", 5)), MaxKeysPerShard = arguments.Int("cap", 1000) };

        var directory = Path.Combine(Path.GetTempPath(), "turbineconsole-keys-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var backend = EmbeddedBackend.Open(Path.Combine(directory, "keys.db"));
            await backend.Streams.CreateStreamAsync(Input, 1);
            await backend.Streams.CreateStreamAsync(Output, 1);
            var runner = new StreamJobRunner(new AnomalyDetectionJob(Input, Output, new AnomalyDetectionOptions()), backend.Streams, backend.Checkpoints,
                backend.DeadLetters, options, NullLogger.Instance);
            using var stop = new CancellationTokenSource();
            var run = runner.RunAsync(stop.Token);
            var publisher = new StreamPublisher(backend.Streams);
            var clock = Stopwatch.StartNew();
            var reportEvery = Math.Max(1, locations / wave / 10);
            for (var first = 0; first < locations; first += wave)
            {
                var last = await PutWaveAsync(publisher, first, Math.Min(wave, locations - first), readings);
                while (runner.Status is not [{ Position: { } position }] || SequenceNumbers.Compare(position, last) < 0)
                    await Task.Delay(20);
                if ((first / wave) % reportEvery == reportEvery - 1 || first + wave >= locations)
                    Report(runner, first + Math.Min(wave, locations - first), clock.Elapsed);
            }
            await stop.CancelAsync();
            await run;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
        return 0;
    }

    /// <summary>Puts <paramref name="readings"/> readings of each location of a wave, round robin; returns the last sequence number.</summary>
    private static async Task<string> PutWaveAsync(StreamPublisher publisher, int first, int count, int readings)
    {
        var random = new Random(first);
        var now = DateTimeOffset.UtcNow;
        var entries = new List<PutRecordsEntry>(count * readings);
        for (var i = 0; i < readings; i++)
        {
            for (var site = first; site < first + count; site++)
            {
                var reading = new WindReading($"Site {site:D5}", $"T{site:D5}", Math.Round(15 + (10 * random.NextDouble()), 1), now.AddMilliseconds(i), i, "keys");
                entries.Add(new PutRecordsEntry(reading.Location, WindReadingCodec.Encode(reading)));
            }
        }
        var outcome = await publisher.PutAllAsync(Input, entries);
        if (outcome.FailedCount > 0)
            throw new InvalidOperationException($"{outcome.FailedCount} readings could not be put.");
        return outcome.Results[^1].SequenceNumber!;
    }

    private static void Report(StreamJobRunner runner, int seen, TimeSpan elapsed)
    {
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        var status = runner.Status[0];
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(
            $"keys locations_seen={seen} keys_in_memory={status.StateKeys} checkpoint_kb={status.CheckpointBytes / 1024} managed_mb={managed / (1024 * 1024)} working_set_mb={process.WorkingSet64 / (1024 * 1024)} seconds={elapsed.TotalSeconds:F0}");
    }
}
