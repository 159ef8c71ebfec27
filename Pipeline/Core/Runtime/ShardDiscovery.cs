using Microsoft.Extensions.Logging;
using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Resilience;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// Finds a stream's shards, waiting (and saying so in the log) while the stream does not exist yet, and keeps a
/// consumer running on each of them, restarting it from its checkpoint when it fails (the shard-restart policy of
/// <see cref="PipelineResilience.ShardRestart"/>).
/// </summary>
internal static class ShardDiscovery
{
    /// <summary>
    /// Runs <paramref name="consume"/> on every shard of the stream at once. When it fails on a shard (anything but
    /// cancellation: a processor's bug, a backend that is down), the failure is recorded in <paramref name="health"/>
    /// (which logs the change to failing) and the shard is consumed again, from its checkpoint, after
    /// <paramref name="restart"/>'s wait for that many failures in a row; until cancelled. The consumer reports its
    /// successes to <paramref name="health"/> itself.
    /// </summary>
    public static async Task ConsumeEveryShardAsync(IStreamClient streams, string streamName, ConsumerHealth health, Backoff restart, ILogger logger,
        TimeProvider time, Func<string, CancellationToken, Task> consume, CancellationToken cancellationToken)
    {
        var shards = await ListShardsAsync(streams, streamName, logger, time, cancellationToken);
        await Task.WhenAll(shards.Select(s => Task.Run(() => KeepConsumingAsync(s.ShardId, health, restart, time, consume, cancellationToken), cancellationToken)));
    }

    /// <summary>
    /// Keeps <paramref name="consume"/> running on one shard: restarted from its checkpoint after a failure (the wait of
    /// <paramref name="restart"/> for that many failures in a row), until cancelled, or until a fenced save says the
    /// shard is owned elsewhere now (<see cref="OwnershipLostException"/>): then it stops for good and leaves the shard's status.
    /// </summary>
    public static async Task KeepConsumingAsync(string shardId, ConsumerHealth health, Backoff restart, TimeProvider time,
        Func<string, CancellationToken, Task> consume, CancellationToken cancellationToken)
    {
        health.Started(shardId);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await consume(shardId, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (OwnershipLostException e)
            {
                health.Lost(shardId, e);
                return;
            }
            catch (Exception e)
            {
                var failures = health.Failed(shardId, e);
                try
                {
                    await Task.Delay(restart.Delay(failures), time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>The stream's shards, waiting (and saying so every 30 s) while the stream does not exist yet.</summary>
    public static async Task<IReadOnlyList<ShardDescription>> ListShardsAsync(IStreamClient streams, string streamName, ILogger logger,
        TimeProvider time, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await streams.ListShardsAsync(streamName, cancellationToken);
            }
            catch (ResourceNotFoundException) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt % 30 == 0)
                    logger.LogWarning("Stream {Stream} does not exist yet; waiting for it to be created.", streamName);
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
        }
    }
}
