using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>
/// On every worker: pings the owner of every shard of every consumer each <see cref="Configuration.ClusterOptions.KeeperInterval"/>.
/// An owner whose worker died is activated again at once, where placement says, without waiting for a request; an owner
/// that should move (the workers changed) moves on its next ping. The shards are listed again every 10 s, so new shards
/// (a resharded stream) get owners too.
/// </summary>
internal sealed class ShardKeeper(ClusterConsumers consumers, IGrainFactory grains, IStreamClient streams, TimeSpan interval, ILogger<ShardKeeper> logger)
    : BackgroundService
{
    /// <summary>How often the streams' shards are listed again.</summary>
    private static readonly TimeSpan s_listEvery = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var shards = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var listedAt = DateTimeOffset.MinValue;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (DateTimeOffset.UtcNow - listedAt >= s_listEvery)
                {
                    foreach (var stream in consumers.All.Select(c => c.StreamName).Distinct(StringComparer.Ordinal))
                        shards[stream] = (await streams.ListShardsAsync(stream, stoppingToken)).Select(s => s.ShardId).ToList();
                    listedAt = DateTimeOffset.UtcNow;
                }

                await Task.WhenAll(
                    from consumer in consumers.All
                    from shard in shards.GetValueOrDefault(consumer.StreamName) ?? []
                    select grains.GetGrain<IShardOwnerGrain>(new ShardKey(consumer.Name, shard).ToString()).PingAsync());
                if (failures > 0)
                    logger.LogInformation("Every shard's owner answers again, after {Failures} rounds that failed.", failures);
                failures = 0;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A worker that just died, a stream not created yet: the next round tries again.
                if (failures++ % 30 == 0)
                    logger.LogWarning("Waking the shards' owners failed ({Error}); trying again every {Interval}.", e.Message, interval);
            }

            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
