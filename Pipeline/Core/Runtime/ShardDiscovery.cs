using Microsoft.Extensions.Logging;
using TurbineConsole.Pipeline.Checkpoints;
using TurbineConsole.Pipeline.Resilience;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// Finds a stream's shards, waiting (and saying so in the log) while the stream does not exist yet, and keeps a
/// consumer running on each of them, restarting it from its checkpoint when it fails (the shard-restart policy of
/// <see cref="PipelineResilience.ShardRestart"/>). The shards are listed again every discovery interval, and at once
/// when a shard is done, so that the shards a split or merge creates are found while the consumer runs. A shard starts
/// only when every parent it has is done: read to its end, its keys handed over and its end checkpointed
/// (<see cref="Checkpoints.Checkpoint.ShardEnd"/>). A location's records are then read in order across a reshard:
/// all of them in the parent, then those in the child.
/// </summary>
internal static class ShardDiscovery
{
    /// <summary>
    /// Runs <paramref name="consume"/> on every shard of the stream whose parents are done, each in its own loop, until
    /// cancelled. <paramref name="consume"/> returns true when it has read its (closed) shard to the end and checkpointed
    /// that; <paramref name="isDone"/> tells whether a closed shard was done already (in an earlier run). When
    /// <paramref name="consume"/> fails on a shard (anything but cancellation: a processor's bug, a backend that is
    /// down), the failure is recorded in <paramref name="health"/> (which logs the change to failing) and the shard is
    /// consumed again, from its checkpoint, after <paramref name="restart"/>'s wait for that many failures in a row.
    /// The consumer reports its successes to <paramref name="health"/> itself.
    /// </summary>
    public static async Task ConsumeEveryShardAsync(IStreamClient streams, string streamName, ConsumerHealth health, Backoff restart, ILogger logger,
        TimeProvider time, TimeSpan discoveryInterval, Func<string, CancellationToken, Task<bool>> isDone, Func<string, CancellationToken, Task<bool>> consume,
        CancellationToken cancellationToken)
    {
        var shards = await ListShardsAsync(streams, streamName, logger, time, cancellationToken);
        var running = new Dictionary<string, Task<bool>>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        using var wake = new SemaphoreSlim(0);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var (shardId, loop) in running.Where(r => r.Value.IsCompleted).ToList())
                {
                    running.Remove(shardId);
                    if (await loop)
                    {
                        done.Add(shardId);
                        health.Finished(shardId);
                        logger.LogInformation("{Consumer} read the closed shard {Stream}/{Shard} to its end; the shards that took over its keys go on.",
                            health.Label, streamName, shardId);
                    }
                }

                await StartReadyShardsAsync(shards);
                try
                {
                    using var timeout = new CancellationTokenSource(discoveryInterval, time);
                    using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                    await wake.WaitAsync(either.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The discovery interval passed.
                }

                shards = await RelistAsync(shards);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(running.Values);

        // Starts each shard that is not running or done and whose parents (those still listed) are done.
        async Task StartReadyShardsAsync(IReadOnlyList<ShardDescription> listed)
        {
            var ids = listed.Select(s => s.ShardId).ToHashSet(StringComparer.Ordinal);
            bool started;
            do
            {
                started = false;
                foreach (var shard in listed)
                {
                    if (running.ContainsKey(shard.ShardId) || done.Contains(shard.ShardId))
                        continue;
                    if (!shard.IsOpen && await IsDoneAsync(shard.ShardId))
                    {
                        done.Add(shard.ShardId);
                        started = true;
                        continue;
                    }
                    if (!ShardLineage.ParentsDone(shard, ids, done))
                        continue;
                    running[shard.ShardId] = Task.Run(() => RunAndWakeAsync(shard.ShardId), CancellationToken.None);
                    started = true;
                }
            }
            while (started);
        }

        // A closed shard whose end could not be looked up (the checkpoint store is down) is taken for not done: it is read
        // from its checkpoint, or looked up again next time.
        async Task<bool> IsDoneAsync(string shardId)
        {
            try
            {
                return await isDone(shardId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "{Consumer} could not look up its checkpoint of the closed shard {Stream}/{Shard} ({Error}); it tries again.",
                    health.Label, streamName, shardId, e.Message);
                return false;
            }
        }

        async Task<IReadOnlyList<ShardDescription>> RelistAsync(IReadOnlyList<ShardDescription> previous)
        {
            try
            {
                return await streams.ListShardsAsync(streamName, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "{Consumer} could not list the shards of {Stream} ({Error}); it goes on with the shards it knows and tries again.",
                    health.Label, streamName, e.Message);
                return previous;
            }
        }

        async Task<bool> RunAndWakeAsync(string shardId)
        {
            try
            {
                return await KeepConsumingAsync(shardId, health, restart, time, consume, cancellationToken);
            }
            finally
            {
                wake.Release();
            }
        }
    }

    /// <summary>
    /// Keeps <paramref name="consume"/> running on one shard: restarted from its checkpoint after a failure (the wait of
    /// <paramref name="restart"/> for that many failures in a row). Returns true when <paramref name="consume"/> has read
    /// its closed shard to the end; false when cancelled, or when a fenced save says the shard is owned elsewhere now
    /// (<see cref="OwnershipLostException"/>: it stops for good and the shard's status says so).
    /// </summary>
    public static async Task<bool> KeepConsumingAsync(string shardId, ConsumerHealth health, Backoff restart, TimeProvider time,
        Func<string, CancellationToken, Task<bool>> consume, CancellationToken cancellationToken)
    {
        health.Started(shardId);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await consume(shardId, cancellationToken))
                    return true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
            catch (OwnershipLostException e)
            {
                health.Lost(shardId, e);
                return false;
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
                    return false;
                }
            }
        }

        return false;
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
