using Microsoft.Extensions.Logging;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>
/// Finds a stream's shards, waiting (and saying so in the log) while the stream does not exist yet, and keeps a
/// consumer running on each of them.
/// </summary>
internal static class ShardDiscovery
{
    /// <summary>
    /// Runs <paramref name="consume"/> on every shard of the stream at once; when it fails on a shard, the failure is
    /// logged as <paramref name="consumer"/>'s and the shard is consumed again (from its checkpoint) 1 s later, until
    /// cancelled.
    /// </summary>
    public static async Task ConsumeEveryShardAsync(IStreamClient streams, string streamName, string consumer, ILogger logger,
        TimeProvider time, Func<string, CancellationToken, Task> consume, CancellationToken cancellationToken)
    {
        var shards = await ListShardsAsync(streams, streamName, logger, time, cancellationToken);
        await Task.WhenAll(shards.Select(s => Task.Run(() => KeepConsumingAsync(s.ShardId), cancellationToken)));

        async Task KeepConsumingAsync(string shardId)
        {
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
                catch (Exception e)
                {
                    logger.LogError(e, "{Consumer} failed on {Stream}/{Shard}; resuming from its checkpoint in 1 s.", consumer, streamName, shardId);
                    try
                    {
                        await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }
    }

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
