using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// The <see cref="ConsumerStatus"/> of each shard of one consumer, kept by its shard loops, and the log lines that go
/// with it: one when a shard starts failing (with the error), one when it recovers; none for the attempts between.
/// Each finished batch is also counted in <see cref="PipelineMetrics"/>, when there is one.
/// </summary>
/// <param name="consumer">The consumer's name (as in its checkpoints and dead letters).</param>
/// <param name="label">How the log names it, for example <c>Job AnomalyDetection</c>.</param>
/// <param name="streamName">The stream it reads.</param>
/// <param name="logger">Where the changes of state are logged.</param>
/// <param name="time">The clock of <see cref="ConsumerStatus.FailingSince"/> and the progress times.</param>
/// <param name="metrics">Where batches are counted; null for none.</param>
internal sealed class ConsumerHealth(string consumer, string label, string streamName, ILogger logger, TimeProvider time, PipelineMetrics? metrics = null)
{
    /// <summary>Each shard's status; only that shard's loop writes its entry, readers take copies.</summary>
    private readonly ConcurrentDictionary<string, StatusBox> _shards = new(StringComparer.Ordinal);

    /// <summary>How the consumer is named in log lines, for example <c>Job AnomalyDetection</c>.</summary>
    public string Label => label;

    /// <summary>Drops a shard that is done for good (closed and read to its end) from the statuses.</summary>
    public void Finished(string shardId) => _shards.TryRemove(shardId, out _);

    /// <summary>Every shard's status, by shard id.</summary>
    public IReadOnlyList<ConsumerStatus> Snapshot() => _shards.Values.Select(b => b.Status).OrderBy(s => s.ShardId, StringComparer.Ordinal).ToList();

    /// <summary>Lists a shard as healthy when its loop starts (a restarted loop keeps its status).</summary>
    public void Started(string shardId) =>
        _shards.TryAdd(shardId, new StatusBox(new ConsumerStatus(consumer, streamName, shardId) { LastProgressAt = time.GetUtcNow() }));

    /// <summary>
    /// Takes a shard off this process's list when its loop stopped for good because another worker owns it now
    /// (a fenced save was refused), and says so in the log.
    /// </summary>
    public void Lost(string shardId, Exception error)
    {
        _shards.TryRemove(shardId, out _);
        logger.LogWarning("{Consumer} stopped on {Stream}/{Shard}: {Error} Nothing more is committed for it here.", label, streamName, shardId, error.Message);
    }

    /// <summary>Takes a shard off this process's list when its loop was stopped because the shard moved to another worker.</summary>
    public void Released(string shardId) => _shards.TryRemove(shardId, out _);

    /// <summary>Records a failed attempt on a shard; returns the failures in a row, this one included.</summary>
    public int Failed(string shardId, Exception error)
    {
        var box = Box(shardId);
        var current = box.Status;
        var failing = current with
        {
            ConsecutiveFailures = current.ConsecutiveFailures + 1,
            LastError = error.Message,
            FailingSince = current.FailingSince ?? time.GetUtcNow(),
        };
        box.Status = failing;
        if (failing.ConsecutiveFailures == 1)
        {
            logger.LogError(error,
                "{Consumer} is failing on {Stream}/{Shard}: {Error} It is tried again from its checkpoint, waiting longer each time, until it succeeds; nothing is dead-lettered for this.",
                label, streamName, shardId, error.Message);
        }

        return failing.ConsecutiveFailures;
    }

    /// <summary>
    /// Records a successful pass of a shard's loop: <paramref name="recordsIn"/> records read (0: nothing new, the shard
    /// is idle) of which the batch that started at the Stopwatch timestamp <paramref name="startedAt"/> put or handed on
    /// <paramref name="recordsOut"/>, the position reached and how far behind the shard's tip it is.
    /// </summary>
    public void Succeeded(string shardId, int recordsIn, int recordsOut, long startedAt, string? position, long millisBehindLatest)
    {
        var box = Box(shardId);
        var current = box.Status;
        box.Status = current with
        {
            ConsecutiveFailures = 0,
            LastError = null,
            FailingSince = null,
            Position = position ?? current.Position,
            MillisBehindLatest = millisBehindLatest,
            RecordsIn = current.RecordsIn + recordsIn,
            RecordsOut = current.RecordsOut + recordsOut,
            LastProgressAt = time.GetUtcNow(),
        };
        if (recordsIn > 0)
            metrics?.RecordBatch(consumer, shardId, recordsIn, recordsOut, Stopwatch.GetElapsedTime(startedAt));
        if (current.State == ConsumerState.Failing)
        {
            logger.LogInformation("{Consumer} recovered on {Stream}/{Shard} after {Failures} failed attempts since {FailingSince:O}.",
                label, streamName, shardId, current.ConsecutiveFailures, current.FailingSince);
        }
    }

    /// <summary>Records a checkpoint saved on a shard, with the size of the state saved with it and the keys a job held then.</summary>
    public void Checkpointed(string shardId, string position, long stateBytes, int? stateKeys = null)
    {
        var box = Box(shardId);
        box.Status = box.Status with { Position = position, LastCheckpointAt = time.GetUtcNow(), CheckpointBytes = stateBytes, StateKeys = stateKeys };
    }

    private StatusBox Box(string shardId) =>
        _shards.GetOrAdd(shardId, id => new StatusBox(new ConsumerStatus(consumer, streamName, id) { LastProgressAt = time.GetUtcNow() }));

    /// <summary>A shard's current status, replaced whole by its loop so that a reader never sees half an update.</summary>
    private sealed class StatusBox(ConsumerStatus status)
    {
        private volatile ConsumerStatus _status = status;

        public ConsumerStatus Status
        {
            get => _status;
            set => _status = value;
        }
    }
}
