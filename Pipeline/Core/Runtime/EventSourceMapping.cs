using Microsoft.Extensions.Logging;
using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Functions;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// Feeds a stream to a function the way Lambda's event source mapping does: one poller per shard, batches of up to
/// <see cref="EventSourceOptions.BatchSize"/> gathered for up to <see cref="EventSourceOptions.BatchingWindow"/>,
/// and on a partial failure (<c>batchItemFailures</c>) a retry from the first failed record. A record that keeps
/// failing goes, after <see cref="EventSourceOptions.MaxRetryAttempts"/> retries, to the dead-letter store with
/// its reason, and the shard moves on. The position is checkpointed after every batch that succeeded.
/// </summary>
public sealed class EventSourceMapping(
    IStreamFunction function,
    string streamName,
    IStreamClient streams,
    ICheckpointStore checkpoints,
    IDeadLetterStore deadLetters,
    EventSourceOptions options,
    ILogger logger,
    TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private long _delivered;
    private long _deadLettered;
    private long _retries;

    /// <summary>The function fed.</summary>
    public IStreamFunction Function => function;

    /// <summary>Records the function accepted since start.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Records given up on after their retries ran out.</summary>
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Retried invocations since start.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Runs until cancelled: one poller per shard.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        ShardDiscovery.ConsumeEveryShardAsync(streams, streamName, $"Event source mapping {function.Name}", logger, _time, PollShardAsync, cancellationToken);

    private async Task PollShardAsync(string shardId, CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.LoadAsync(function.Name, streamName, shardId, cancellationToken);
        var cursor = new ShardCursor(streams, streamName, shardId, checkpoint?.SequenceNumber);
        var pending = new List<StreamRecord>();
        string? failingSequenceNumber = null;
        var failures = 0;

        while (!cancellationToken.IsCancellationRequested)
        {
            await FillAsync(cursor, pending, cancellationToken);
            if (pending.Count == 0)
            {
                await Task.Delay(options.PollInterval, _time, cancellationToken);
                continue;
            }

            var batch = pending.Count <= options.BatchSize ? pending.ToList() : pending.GetRange(0, options.BatchSize);
            var (firstFailed, reason) = await InvokeAsync(shardId, batch, cancellationToken);
            var done = firstFailed < 0 ? batch.Count : firstFailed;
            if (done > 0)
            {
                await checkpoints.SaveAsync(new Checkpoint(function.Name, streamName, shardId, batch[done - 1].SequenceNumber, ReadOnlyMemory<byte>.Empty), cancellationToken);
                pending.RemoveRange(0, done);
                Interlocked.Add(ref _delivered, done);
            }
            if (firstFailed < 0)
                continue;

            var head = pending[0];
            failures = head.SequenceNumber == failingSequenceNumber ? failures + 1 : 1;
            failingSequenceNumber = head.SequenceNumber;
            if (failures > options.MaxRetryAttempts)
            {
                await deadLetters.AddAsync(new DeadLetter(function.Name, streamName, shardId, head.SequenceNumber, head.Data,
                    $"Gave up after {options.MaxRetryAttempts} retries: {reason}", _time.GetUtcNow()), cancellationToken);
                await checkpoints.SaveAsync(new Checkpoint(function.Name, streamName, shardId, head.SequenceNumber, ReadOnlyMemory<byte>.Empty), cancellationToken);
                pending.RemoveAt(0);
                Interlocked.Increment(ref _deadLettered);
                failingSequenceNumber = null;
                failures = 0;
                continue;
            }
            Interlocked.Increment(ref _retries);
            var backoff = options.RetryBackoff * Math.Pow(2, failures - 1);
            await Task.Delay(backoff < TimeSpan.FromSeconds(5) ? backoff : TimeSpan.FromSeconds(5), _time, cancellationToken);
        }
    }

    /// <summary>Reads until the batch is full, the batching window has passed, or the shard has nothing more.</summary>
    private async Task FillAsync(ShardCursor cursor, List<StreamRecord> pending, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + options.BatchingWindow;
        while (pending.Count < options.BatchSize)
        {
            var records = await cursor.ReadAsync(options.BatchSize - pending.Count, cancellationToken);
            pending.AddRange(records);
            if (pending.Count >= options.BatchSize || _time.GetUtcNow() >= deadline)
                return;
            if (records.Count == 0)
            {
                if (pending.Count == 0)
                    return;
                await Task.Delay(options.PollInterval, _time, cancellationToken);
            }
        }
    }

    /// <summary>Invokes the function; returns the index of the first failed record (-1 when none) and why it failed.</summary>
    private async Task<(int FirstFailed, string Reason)> InvokeAsync(string shardId, List<StreamRecord> batch, CancellationToken cancellationToken)
    {
        StreamsEventResponse response;
        try
        {
            response = await function.HandleAsync(new KinesisEvent(batch.Select(r => new KinesisEventRecord(streamName, shardId, r)).ToList()), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "{Function} failed a batch of {Count} records from {Stream}/{Shard}.", function.Name, batch.Count, streamName, shardId);
            return (0, $"{function.Name} threw {e.GetType().Name}: {e.Message}");
        }
        if (response.BatchItemFailures.Count == 0)
            return (-1, "");

        var index = new Dictionary<string, int>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
            index[batch[i].SequenceNumber] = i;
        var first = int.MaxValue;
        var reason = "";
        foreach (var failure in response.BatchItemFailures)
        {
            // Lambda fails the whole batch on an identifier it does not know; retrying from the start is the same.
            var i = !string.IsNullOrEmpty(failure.ItemIdentifier) && index.TryGetValue(failure.ItemIdentifier, out var found) ? found : 0;
            if (i < first)
            {
                first = i;
                reason = failure.Reason ?? $"{function.Name} reported the record as failed.";
            }
        }
        return (first, reason);
    }
}
