using Microsoft.Extensions.Logging;
using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Jobs;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Runtime;
using TurbineConsole.Pipeline.Streams;
using TurbineConsole.Tests.Support;

namespace TurbineConsole.Tests.Core.Runtime;

/// <summary>
/// Keys that leave a job's memory (idle, or over the shard's cap) and come back, on the embedded backend: the scores
/// are those of a run that kept every forest in memory, also when checkpoints fail after keys were saved apart.
/// </summary>
public sealed class KeyedStateTests : IAsyncLifetime
{
    private const string Input = "WindDataStream";
    private const string Output = "AnomalyDetectionStream";
    private const string Shard = "shardId-000000000000";
    private const int Cap = 4;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "turbineconsole-keyed-" + Guid.NewGuid().ToString("N"));
    private readonly List<PipelineBackend> _backends = [];

    /// <summary>Four groups of ten locations, one after the other; each location sends 300 readings, round robin within its group.</summary>
    private static readonly List<WindReading> s_readings = Readings();

    [Fact]
    public async Task Forests_that_leave_memory_and_come_back_score_as_if_they_never_left_even_when_checkpoints_fail()
    {
        var reference = await RunAsync("reference", new JobRunnerOptions { KeyIdleAfter = TimeSpan.Zero, MaxKeysPerShard = 1_000_000 }, failSaves: []);
        var logs = new CollectingLoggerFactory(LogLevel.Information);
        var evicting = await RunAsync("evicting", new JobRunnerOptions { KeyIdleAfter = TimeSpan.FromTicks(1), MaxKeysPerShard = Cap }, failSaves: [3, 9, 20, 41], logs);

        Assert.Equal(s_readings.Count, reference.Scores.Count);
        Assert.True(reference.Scores.Values.Count(s => s > 0) > s_readings.Count / 2, "most readings were scored after the warm-up");
        // Every reading scored, each time it was (re)played with the same score, and that score is the reference's.
        Assert.Equal(reference.Scores, evicting.Scores);
        Assert.Empty(evicting.Conflicts);
        Assert.True(evicting.Replayed > 0, "failed checkpoints replayed some records");
        var status = Assert.Single(evicting.Runner.Status);
        Assert.InRange(status.StateKeys!.Value, 1, Cap);
        Assert.True(Assert.Single(reference.Runner.Status).StateKeys >= 10, "the reference kept every forest");
        Assert.True(status.CheckpointBytes < Assert.Single(reference.Runner.Status).CheckpointBytes / 2, "the evicting shard's checkpoint is smaller");
        Assert.Contains(logs.Lines, l => l.Contains("more than its cap of 4 (Pipeline:Jobs:MaxKeysPerShard)"));
        // The saved forest of a location that left is in the checkpoint store, apart from the shard's checkpoint.
        Assert.NotNull(await evicting.Backend.Checkpoints.LoadAsync("AnomalyDetection.keys", Input, "Site 000"));
    }

    private async Task<RunResult> RunAsync(string name, JobRunnerOptions options, int[] failSaves, CollectingLoggerFactory? logs = null)
    {
        var backend = EmbeddedBackend.Open(Path.Combine(_directory, name + ".db"));
        _backends.Add(backend);
        await backend.Streams.CreateStreamAsync(Input, 1);
        await backend.Streams.CreateStreamAsync(Output, 1);
        var publisher = new StreamPublisher(backend.Streams);
        foreach (var chunk in s_readings.Chunk(150))
        {
            var outcome = await publisher.PutAllAsync(Input, chunk.Select(r => new PutRecordsEntry(r.Location, WindReadingCodec.Encode(r))).ToList());
            Assert.Equal(0, outcome.FailedCount);
        }

        options.BatchSize = 100;
        options.CheckpointInterval = TimeSpan.Zero;
        options.RetryBackoff = TimeSpan.FromMilliseconds(1);
        options.PollInterval = TimeSpan.FromMilliseconds(5);
        var checkpoints = new FailingSaves(backend.Checkpoints, failSaves);
        var job = new AnomalyDetectionJob(Input, Output, new AnomalyDetectionOptions { OutputAfter = 32 });
        var runner = new StreamJobRunner(job, backend.Streams, checkpoints, backend.DeadLetters, options, (logs ?? new CollectingLoggerFactory()).CreateLogger("runner"));
        await using (Background.Run(runner.RunAsync))
        {
            await Eventually.WaitUntilAsync(
                async () => (await backend.Checkpoints.LoadAsync(job.Name, Input, Shard))?.SequenceNumber == (await StreamContents.ReadAllAsync(backend.Streams, Input))[^1].SequenceNumber,
                $"the {name} run checkpointed its last record", TimeSpan.FromMinutes(2));
        }

        var scores = new Dictionary<(string, string, long), double>();
        var conflicts = new List<string>();
        var results = (await StreamContents.ReadAllAsync(backend.Streams, Output)).Select(r => AnomalyResultCodec.Decode(r.Data)).ToList();
        foreach (var result in results)
        {
            var key = (result.Reading.Location, result.Reading.Turbine, result.Reading.Seq);
            if (scores.TryGetValue(key, out var earlier) && earlier != result.Score)
                conflicts.Add($"{key}: {earlier} then {result.Score}");
            scores[key] = result.Score;
        }
        return new RunResult(backend, runner, scores, conflicts, results.Count - scores.Count);
    }

    private static List<WindReading> Readings()
    {
        var random = new Random(7);
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var readings = new List<WindReading>();
        var seq = 0L;
        for (var group = 0; group < 4; group++)
        {
            for (var round = 0; round < 300; round++)
            {
                for (var site = group * 10; site < (group + 1) * 10; site++)
                {
                    var speed = Math.Round(20 + (5 * random.NextDouble()) + (round % 97 == 96 ? 60 : 0), 1);
                    readings.Add(new WindReading($"Site {site:D3}", $"T{site:D3}", speed, start.AddMilliseconds(seq), seq++, "keyed-state"));
                }
            }
        }
        return readings;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var backend in _backends)
            await backend.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private sealed record RunResult(PipelineBackend Backend, StreamJobRunner Runner, Dictionary<(string, string, long), double> Scores, List<string> Conflicts, int Replayed);

    /// <summary>The checkpoint store, except that the shard checkpoints numbered in <paramref name="failing"/> fail (after the keys of that checkpoint were saved).</summary>
    private sealed class FailingSaves(ICheckpointStore inner, int[] failing) : ICheckpointStore
    {
        private int _saves;

        public Task<Checkpoint?> LoadAsync(string consumer, string streamName, string shardId, CancellationToken cancellationToken = default) =>
            inner.LoadAsync(consumer, streamName, shardId, cancellationToken);

        public Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
        {
            if (checkpoint.ShardId == Shard && failing.Contains(Interlocked.Increment(ref _saves)))
                throw new IOException($"Checkpoint {_saves} fails on purpose.");
            return inner.SaveAsync(checkpoint, cancellationToken);
        }

        public Task SaveAsync(Checkpoint checkpoint, long ownerEpoch, CancellationToken cancellationToken = default) => inner.SaveAsync(checkpoint, ownerEpoch, cancellationToken);

        public Task<long> ClaimAsync(string consumer, string streamName, string shardId, string owner, CancellationToken cancellationToken = default) =>
            inner.ClaimAsync(consumer, streamName, shardId, owner, cancellationToken);

        public Task<ShardOwner?> OwnerAsync(string consumer, string streamName, string shardId, CancellationToken cancellationToken = default) =>
            inner.OwnerAsync(consumer, streamName, shardId, cancellationToken);
    }
}
