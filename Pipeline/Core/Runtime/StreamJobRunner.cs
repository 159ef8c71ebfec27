using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Jobs;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Resilience;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// Runs one job over every shard of its input stream, one loop per shard: read a batch, process it, put the output
/// into the output stream (durably), dead-letter the records that could not be read, and only then checkpoint the
/// position together with the processor's state. After a crash the shard resumes from the checkpoint with the state of
/// that moment, so it produces again exactly what it produced after it: at-least-once, identical output.
/// Only a record that cannot be read (<see cref="RecordFormatException"/>: not JSON, missing fields, NaN, oversized, a
/// late reading) is dead-lettered. Any other failure (a bug in the processor, a backend that is down, output that cannot
/// be put) stops the shard's loop, which starts again from its checkpoint after a growing wait
/// (<see cref="PipelineResilience.ShardRestart"/>), and the shard shows as failing in <see cref="Status"/> until it succeeds.
/// A shard closed by a split or merge is read to its end; its keys' states are then handed over (saved apart, as evicted
/// keys are, at the shard's last position, below every sequence number of its children) and its end is checkpointed
/// (<see cref="Checkpoint.ShardEnd"/>) before its children start, which take each key's state back with its first record.
/// Each batch is counted in <paramref name="metrics"/> when given.
/// </summary>
public sealed class StreamJobRunner(
    IStreamJob job,
    IStreamClient streams,
    ICheckpointStore checkpoints,
    IDeadLetterStore deadLetters,
    JobRunnerOptions options,
    ILogger logger,
    TimeProvider? timeProvider = null,
    PipelineMetrics? metrics = null) : IShardConsumer
{
    /// <summary>Attempts of a put of output whose entries keep failing, before the shard fails (and restarts from its checkpoint).</summary>
    private const int OutputPutAttempts = 10;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly StreamPublisher _publisher = new(streams, OutputPutAttempts, timeProvider);

    /// <summary>Each shard's status, and the log lines of its changes.</summary>
    private readonly ConsumerHealth _health = new(job.Name, $"Job {job.Name}", job.InputStream, logger, timeProvider ?? TimeProvider.System, metrics);

    /// <summary>
    /// When each shard last read a record, kept across restarts of its loop: a shard that was idle when it failed is
    /// still idle after, so its idle flush (which may be what failed) is tried at once rather than after another idle
    /// timeout, and the shard does not pass for recovered meanwhile.
    /// </summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRecordAt = new(StringComparer.Ordinal);

    private long _processed;

    /// <summary>The job run.</summary>
    public IStreamJob Job => job;

    /// <summary>Records processed since start (replays included).</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>How the job is doing on each shard of its input stream (shards are listed once their loop has started).</summary>
    public IReadOnlyList<ConsumerStatus> Status => _health.Snapshot();

    /// <inheritdoc />
    public string Name => job.Name;

    /// <inheritdoc />
    public string StreamName => job.InputStream;

    /// <inheritdoc />
    public async Task RunShardAsync(string shardId, CancellationToken cancellationToken)
    {
        if (await ShardDiscovery.KeepConsumingAsync(shardId, _health, PipelineResilience.ShardRestart(options.RetryBackoff), _time, ConsumeShardAsync, cancellationToken))
            _health.Finished(shardId);
        else
            _health.Released(shardId);
    }

    /// <summary>
    /// Runs until cancelled: one loop per shard of the input stream whose parents are done (new shards are found every
    /// <see cref="JobRunnerOptions.ShardDiscoveryInterval"/>); a shard that fails restarts from its last checkpoint, with
    /// its state of that moment, after a wait that grows from <see cref="JobRunnerOptions.RetryBackoff"/>.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        ShardDiscovery.ConsumeEveryShardAsync(streams, job.InputStream, _health, PipelineResilience.ShardRestart(options.RetryBackoff), logger, _time,
            options.ShardDiscoveryInterval, IsShardDoneAsync, ConsumeShardAsync, cancellationToken);

    /// <summary>True when the job read the shard to its end and handed its keys over, in this run or an earlier one.</summary>
    public async Task<bool> IsShardDoneAsync(string shardId, CancellationToken cancellationToken) =>
        (await checkpoints.LoadAsync(job.Name, job.InputStream, shardId, cancellationToken))?.IsShardEnd == true;

    /// <summary>
    /// Restores the processor's state from the checkpoint; a state it cannot read (a format an older version wrote,
    /// or damage) is logged and replaced by a fresh state, so the shard goes on from the checkpointed position
    /// instead of failing on every restart.
    /// </summary>
    private void Restore(IShardProcessor processor, Checkpoint checkpoint)
    {
        try
        {
            processor.RestoreState(checkpoint.State.Span);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException)
        {
            logger.LogWarning(e,
                "Job {Job} cannot read its saved state for {Stream}/{Shard} ({Reason}); it goes on from the checkpointed position with a fresh state: detectors learn again and open windows restart.",
                job.Name, checkpoint.StreamName, checkpoint.ShardId, e.Message);
            processor.RestoreState(ReadOnlySpan<byte>.Empty);
        }
    }

    /// <summary>Consumes one shard from its checkpoint; returns true once it is read to its end (closed), false when cancelled.</summary>
    private async Task<bool> ConsumeShardAsync(string shardId, CancellationToken cancellationToken)
    {
        var processor = job.CreateProcessor();
        var keyed = processor as IKeyedShardProcessor;
        var parked = new ParkedKeyStates(checkpoints, job.Name, job.InputStream, shardId);
        var overCap = false;
        var keysAfterEviction = 0; // what stayed in memory at the last checkpoint: keys that could not leave yet (open windows) force no new checkpoint
        var checkpoint = await checkpoints.LoadAsync(job.Name, job.InputStream, shardId, cancellationToken);
        if (checkpoint?.IsShardEnd == true)
            return true;
        if (checkpoint is not null)
            Restore(processor, checkpoint);
        var cursor = new ShardCursor(streams, job.InputStream, shardId, checkpoint?.SequenceNumber);
        var output = new JobOutput();
        var committed = checkpoint?.SequenceNumber;
        var lastCheckpointAt = _time.GetUtcNow();
        var lastRecordAt = _lastRecordAt.GetOrAdd(shardId, lastCheckpointAt);
        var idle = false;

        while (!cancellationToken.IsCancellationRequested)
        {
            var records = await cursor.ReadAsync(options.BatchSize, cancellationToken);
            if (records.Count == 0 && cursor.AtShardEnd)
            {
                await FinishShardAsync();
                return true;
            }
            if (records.Count == 0)
            {
                if (!idle && job.IdleTimeout is { } idleTimeout && _time.GetUtcNow() - lastRecordAt >= idleTimeout)
                {
                    idle = true;
                    await FlushIdleAsync();
                }
                await CheckpointIfDueAsync();
                _health.Succeeded(shardId, 0, 0, 0, cursor.Position, cursor.MillisBehindLatest);
                await Task.Delay(options.PollInterval, _time, cancellationToken);
                continue;
            }
            var startedAt = Stopwatch.GetTimestamp();
            _lastRecordAt[shardId] = lastRecordAt = _time.GetUtcNow();
            idle = false;

            if (keyed is not null)
                await RestoreKeysAsync(keyed, records);
            output.Clear();
            var rejected = new List<DeadLetter>();
            foreach (var record in records)
            {
                try
                {
                    processor.Process(record, output);
                }
                catch (RecordFormatException e)
                {
                    // Only a record that cannot be read is set aside; any other exception stops the shard (see the class).
                    rejected.Add(new DeadLetter(job.Name, job.InputStream, shardId, record.SequenceNumber, record.Data, e.Message, _time.GetUtcNow(), record.PartitionKey));
                }
            }

            var produced = output.Records.Count;
            await PutOutputAsync();
            foreach (var deadLetter in rejected)
                await deadLetters.AddAsync(deadLetter, cancellationToken);
            Interlocked.Add(ref _processed, records.Count);
            if (keyed is not null && keyed.KeyCount > Math.Max(options.MaxKeysPerShard, keysAfterEviction))
                await SaveCheckpointAsync(cursor.Position!);
            else
                await CheckpointIfDueAsync();
            _health.Succeeded(shardId, records.Count, produced, startedAt, cursor.Position, cursor.MillisBehindLatest);
            if (cursor.AtShardEnd)
            {
                await FinishShardAsync();
                return true;
            }
        }

        return false;

        // The shard is closed and everything of it has been put and dead-lettered: its keys go to the shards that took
        // them over, saved apart at its last position (below every sequence number of those shards, so that "the newest
        // version before the record" finds them there), and then its end is checkpointed, which lets its children start.
        // A crash in between hands them over again, identically, from the last checkpoint.
        async Task FinishShardAsync()
        {
            var handed = 0;
            if (keyed is not null && cursor.Position is { } last)
            {
                foreach (var key in keyed.Handover())
                {
                    await parked.SaveAsync(key.Key, last, key.State, committed, cancellationToken);
                    handed++;
                }
            }
            var state = processor.SaveState();
            if (keyed is null && state.Length > 0)
            {
                logger.LogWarning("Job {Job} read the closed shard {Stream}/{Shard} to its end; its processor's state is not keyed, so the shards after it start afresh.",
                    job.Name, job.InputStream, shardId);
            }
            await checkpoints.SaveAsync(new Checkpoint(job.Name, job.InputStream, shardId, Checkpoint.ShardEnd, state), cancellationToken);
            _health.Checkpointed(shardId, Checkpoint.ShardEnd, state.Length, keyed?.KeyCount);
            logger.LogInformation("Job {Job} handed the {Keys} keys of the closed shard {Stream}/{Shard} over to the shards that took its hash keys.",
                job.Name, handed, job.InputStream, shardId);
        }

        // Durably, retrying failed entries; an output that cannot be put stops the shard, which resumes from its checkpoint.
        async Task PutOutputAsync()
        {
            if (output.Records.Count == 0)
                return;
            var outcome = await _publisher.PutAllAsync(job.OutputStream, output.Records, cancellationToken);
            if (outcome.FailedCount > 0)
            {
                var error = outcome.Results.First(r => !r.Succeeded);
                throw new StreamException(error.ErrorCode!,
                    $"{outcome.FailedCount} output records could not be put into {job.OutputStream} after {OutputPutAttempts} attempts ({error.ErrorCode}: {error.ErrorMessage}).");
            }
        }

        // The processor emits what it held back for more data; its state is then saved at once, as it changed
        // without the position moving.
        async Task FlushIdleAsync()
        {
            output.Clear();
            if (!processor.OnIdle(output))
                return;
            await PutOutputAsync();
            if (cursor.Position is not null)
                await SaveCheckpointAsync(cursor.Position);
        }

        // Everything up to the cursor's position has been put and dead-lettered, so the processor's state matches it.
        async Task CheckpointIfDueAsync()
        {
            var now = _time.GetUtcNow();
            if (cursor.Position is null || cursor.Position == committed || now - lastCheckpointAt < options.CheckpointInterval)
                return;
            await SaveCheckpointAsync(cursor.Position);
        }

        // Keys that are idle, or beyond the cap, leave memory: their states are saved apart before the checkpoint
        // that no longer holds them.
        async Task SaveCheckpointAsync(string position)
        {
            if (keyed is not null)
                await EvictKeysAsync(keyed, position);
            var state = processor.SaveState();
            await checkpoints.SaveAsync(new Checkpoint(job.Name, job.InputStream, shardId, position, state), cancellationToken);
            committed = position;
            lastCheckpointAt = _time.GetUtcNow();
            _health.Checkpointed(shardId, position, state.Length, keyed?.KeyCount);
        }

        async Task EvictKeysAsync(IKeyedShardProcessor processor, string position)
        {
            var held = processor.KeyCount;
            var evicted = processor.Evict(options.KeyIdleAfter, options.MaxKeysPerShard);
            foreach (var key in evicted)
                await parked.SaveAsync(key.Key, position, key.State, committed, cancellationToken);
            keysAfterEviction = processor.KeyCount;
            var capped = evicted.Count(k => k.OverCap);
            metrics?.RecordEvictions(job.Name, capped, evicted.Count - capped);
            if (capped > 0 != overCap)
            {
                overCap = capped > 0;
                if (overCap)
                {
                    logger.LogWarning(
                        "Job {Job} held {Keys} keys on {Stream}/{Shard}, more than its cap of {Cap} (Pipeline:Jobs:MaxKeysPerShard): the {Evicted} used least recently left memory, saved, and come back with their next reading. Raise the cap or add shards if this goes on.",
                        job.Name, held, job.InputStream, shardId, options.MaxKeysPerShard, capped);
                }
                else
                {
                    logger.LogInformation("Job {Job} on {Stream}/{Shard} is back under its cap of {Cap} keys.", job.Name, job.InputStream, shardId, options.MaxKeysPerShard);
                }
            }
        }

        // Keys of the batch that left memory come back with their saved states before their records are processed.
        async Task RestoreKeysAsync(IKeyedShardProcessor processor, IReadOnlyList<StreamRecord> batch)
        {
            var restored = 0;
            foreach (var (key, sequenceNumber) in processor.MissingKeys(batch))
            {
                if (await parked.LoadAsync(key, sequenceNumber, cancellationToken) is not { } state)
                    continue;
                try
                {
                    processor.RestoreKey(key, state);
                    restored++;
                }
                catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or EndOfStreamException)
                {
                    logger.LogWarning(e, "Job {Job} cannot read the saved state of key {Key} ({Reason}); the key starts afresh.", job.Name, key, e.Message);
                }
            }
            metrics?.RecordRestores(job.Name, restored);
        }
    }
}
