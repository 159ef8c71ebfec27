using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// The <see cref="ConsumerStatus"/> of each shard of one consumer, kept by its shard loops, and the log lines that go
/// with it: one when a shard starts failing (with the error), one when it recovers; none for the attempts between.
/// </summary>
/// <param name="consumer">The consumer's name (as in its checkpoints and dead letters).</param>
/// <param name="label">How the log names it, for example <c>Job AnomalyDetection</c>.</param>
/// <param name="streamName">The stream it reads.</param>
/// <param name="logger">Where the changes of state are logged.</param>
/// <param name="time">The clock of <see cref="ConsumerStatus.FailingSince"/>.</param>
internal sealed class ConsumerHealth(string consumer, string label, string streamName, ILogger logger, TimeProvider time)
{
    /// <summary>Each shard's status; only that shard's loop writes its entry.</summary>
    private readonly ConcurrentDictionary<string, ConsumerStatus> _shards = new(StringComparer.Ordinal);

    /// <summary>Every shard's status, by shard id.</summary>
    public IReadOnlyList<ConsumerStatus> Snapshot() => _shards.Values.OrderBy(s => s.ShardId, StringComparer.Ordinal).ToList();

    /// <summary>Lists a shard as healthy when its loop starts (a restarted loop keeps its status).</summary>
    public void Started(string shardId) => _shards.TryAdd(shardId, new ConsumerStatus(consumer, streamName, shardId));

    /// <summary>Records a failed attempt on a shard; returns the failures in a row, this one included.</summary>
    public int Failed(string shardId, Exception error)
    {
        var current = _shards.GetValueOrDefault(shardId) ?? new ConsumerStatus(consumer, streamName, shardId);
        var failing = current with
        {
            ConsecutiveFailures = current.ConsecutiveFailures + 1,
            LastError = error.Message,
            FailingSince = current.FailingSince ?? time.GetUtcNow(),
        };
        _shards[shardId] = failing;
        if (failing.ConsecutiveFailures == 1)
        {
            logger.LogError(error,
                "{Consumer} is failing on {Stream}/{Shard}: {Error} It is tried again from its checkpoint, waiting longer each time, until it succeeds; nothing is dead-lettered for this.",
                label, streamName, shardId, error.Message);
        }

        return failing.ConsecutiveFailures;
    }

    /// <summary>Records a successful attempt on a shard (cheap when it was healthy already).</summary>
    public void Succeeded(string shardId)
    {
        if (!_shards.TryGetValue(shardId, out var current) || current.State == ConsumerState.Healthy)
        {
            return;
        }

        _shards[shardId] = new ConsumerStatus(consumer, streamName, shardId);
        logger.LogInformation("{Consumer} recovered on {Stream}/{Shard} after {Failures} failed attempts since {FailingSince:O}.",
            label, streamName, shardId, current.ConsecutiveFailures, current.FailingSince);
    }
}
