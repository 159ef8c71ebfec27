using System.Diagnostics;
using Microsoft.Extensions.Logging;
using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Functions;
using TurbineConsole.Pipeline.Resilience;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// Feeds a stream to a function the way Lambda's event source mapping does: one poller per shard, batches of up to
/// <see cref="FunctionOptions.BatchSize"/> gathered for up to <see cref="FunctionOptions.BatchingWindow"/>, and the
/// position checkpointed after every batch that succeeded. On a partial failure (<c>batchItemFailures</c>) the records
/// before the first failed one are checkpointed and the batch is retried from that record; a function that throws has
/// its whole batch retried. Unlike Lambda, a record is never given up on here: the function itself dead-letters the
/// records it cannot read, so what it reports as failed is a failure to store (a backend that is down), which is not the
/// record's fault. Such a shard is retried from its checkpoint until it succeeds, after waits that grow from
/// <see cref="FunctionOptions.RetryBackoff"/> (<see cref="PipelineResilience.ShardRestart"/>), and shows as failing in
/// <see cref="Status"/> meanwhile. Each batch is counted in <paramref name="metrics"/> when given.
/// </summary>
public sealed class EventSourceMapping(
    IStreamFunction function,
    string streamName,
    IStreamClient streams,
    ICheckpointStore checkpoints,
    FunctionOptions options,
    ILogger logger,
    TimeProvider? timeProvider = null,
    PipelineMetrics? metrics = null) : IShardConsumer
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Each shard's status, and the log lines of its changes.</summary>
    private readonly ConsumerHealth _health = new(function.Name, $"Event source mapping {function.Name}", streamName, logger, timeProvider ?? TimeProvider.System, metrics);

    private long _delivered;
    private long _retries;

    /// <summary>The function fed.</summary>
    public IStreamFunction Function => function;

    /// <summary>Records the function accepted since start.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Invocations that failed (each is retried) since start.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>How the function is keeping up with each shard of its stream (shards are listed once their poller has started).</summary>
    public IReadOnlyList<ConsumerStatus> Status => _health.Snapshot();

    /// <inheritdoc />
    public string Name => function.Name;

    /// <inheritdoc />
    public string StreamName => streamName;

    /// <inheritdoc />
    public async Task RunShardAsync(string shardId, CancellationToken cancellationToken)
    {
        if (await ShardDiscovery.KeepConsumingAsync(shardId, _health, PipelineResilience.ShardRestart(options.RetryBackoff), _time, PollShardAsync, cancellationToken))
            _health.Finished(shardId);
        else
            _health.Released(shardId);
    }

    /// <summary>
    /// Runs until cancelled: one poller per shard whose parents are done (a split's or merge's children start once their
    /// parents are read to their end, so that each location's records reach the function in order); new shards are found
    /// every <see cref="FunctionOptions.ShardDiscoveryInterval"/>.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        ShardDiscovery.ConsumeEveryShardAsync(streams, streamName, _health, PipelineResilience.ShardRestart(options.RetryBackoff), logger, _time,
            options.ShardDiscoveryInterval, IsShardDoneAsync, PollShardAsync, cancellationToken);

    /// <summary>True when the function was fed the whole of the (closed) shard, in this run or an earlier one.</summary>
    public async Task<bool> IsShardDoneAsync(string shardId, CancellationToken cancellationToken) =>
        (await checkpoints.LoadAsync(function.Name, streamName, shardId, cancellationToken))?.IsShardEnd == true;

    /// <summary>
    /// Feeds one shard from its checkpoint until cancelled (false), until a closed shard is fed to its end and that is
    /// checkpointed (true), or until a batch fails (the caller starts it again).
    /// </summary>
    private async Task<bool> PollShardAsync(string shardId, CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.LoadAsync(function.Name, streamName, shardId, cancellationToken);
        if (checkpoint?.IsShardEnd == true)
            return true;
        var cursor = new ShardCursor(streams, streamName, shardId, checkpoint?.SequenceNumber);
        var pending = new List<StreamRecord>();

        while (!cancellationToken.IsCancellationRequested)
        {
            await FillAsync(cursor, pending, cancellationToken);
            if (pending.Count == 0 && cursor.AtShardEnd)
            {
                await checkpoints.SaveAsync(new Checkpoint(function.Name, streamName, shardId, Checkpoint.ShardEnd, ReadOnlyMemory<byte>.Empty), cancellationToken);
                _health.Checkpointed(shardId, Checkpoint.ShardEnd, 0);
                return true;
            }
            if (pending.Count == 0)
            {
                _health.Succeeded(shardId, 0, 0, 0, cursor.Position, cursor.MillisBehindLatest);
                await Task.Delay(options.PollInterval, _time, cancellationToken);
                continue;
            }

            var startedAt = Stopwatch.GetTimestamp();
            var batch = pending.Count <= options.BatchSize ? pending.ToList() : pending.GetRange(0, options.BatchSize);
            var failure = await InvokeAsync(shardId, batch, cancellationToken);
            var done = failure?.FirstFailed ?? batch.Count;
            if (done > 0)
            {
                await checkpoints.SaveAsync(new Checkpoint(function.Name, streamName, shardId, batch[done - 1].SequenceNumber, ReadOnlyMemory<byte>.Empty), cancellationToken);
                _health.Checkpointed(shardId, batch[done - 1].SequenceNumber, 0);
                pending.RemoveRange(0, done);
                Interlocked.Add(ref _delivered, done);
            }

            if (failure is not null)
            {
                // Retried from the checkpoint just saved, that is from the first failed record, after the restart wait.
                Interlocked.Increment(ref _retries);
                throw failure.Error;
            }

            _health.Succeeded(shardId, batch.Count, done, startedAt, batch[done - 1].SequenceNumber, cursor.MillisBehindLatest);
        }

        return false;
    }

    /// <summary>Reads until the batch is full, the batching window has passed, or the shard has nothing more.</summary>
    private async Task FillAsync(ShardCursor cursor, List<StreamRecord> pending, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + options.BatchingWindow;
        while (pending.Count < options.BatchSize)
        {
            var records = await cursor.ReadAsync(options.BatchSize - pending.Count, cancellationToken);
            pending.AddRange(records);
            if (pending.Count >= options.BatchSize || _time.GetUtcNow() >= deadline || cursor.AtShardEnd)
                return;
            if (records.Count == 0)
            {
                if (pending.Count == 0)
                    return;
                await Task.Delay(options.PollInterval, _time, cancellationToken);
            }
        }
    }

    /// <summary>Invokes the function; returns null when the whole batch succeeded, else the index of the first failed record and why it failed.</summary>
    private async Task<BatchFailure?> InvokeAsync(string shardId, List<StreamRecord> batch, CancellationToken cancellationToken)
    {
        StreamsEventResponse response;
        try
        {
            response = await function.HandleAsync(new KinesisEvent(batch.Select(r => new KinesisEventRecord(streamName, shardId, r)).ToList()), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new BatchFailure(0, new FunctionFailedException($"{function.Name} threw {e.GetType().Name}: {e.Message}", e));
        }

        if (response.BatchItemFailures.Count == 0)
        {
            return null;
        }

        var index = new Dictionary<string, int>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            index[batch[i].SequenceNumber] = i;
        }

        var first = int.MaxValue;
        var reason = "";
        foreach (var failure in response.BatchItemFailures)
        {
            // Lambda fails the whole batch on an identifier it does not know; retrying from the start is the same.
            var i = !string.IsNullOrEmpty(failure.ItemIdentifier) && index.TryGetValue(failure.ItemIdentifier, out var found) ? found : 0;
            if (i < first)
            {
                first = i;
                reason = failure.Reason ?? $"{function.Name} reported record {failure.ItemIdentifier} as failed.";
            }
        }

        return new BatchFailure(first, new FunctionFailedException($"{function.Name} failed record {batch[first].SequenceNumber}: {reason}"));
    }

    /// <summary>Where a batch failed (the records before it succeeded) and the error the shard fails with.</summary>
    private sealed record BatchFailure(int FirstFailed, FunctionFailedException Error);
}
