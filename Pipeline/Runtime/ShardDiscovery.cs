using Microsoft.Extensions.Logging;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>Finds a stream's shards, waiting (and saying so in the log) while the stream does not exist yet.</summary>
internal static class ShardDiscovery
{
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
