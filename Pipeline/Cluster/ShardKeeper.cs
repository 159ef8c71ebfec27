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
        var shards = new Dictionary<string, IReadOnlyList<ShardDescription>>(StringComparer.Ordinal);
        var ready = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var done = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var listedAt = DateTimeOffset.MinValue;
        // One ping at a time per owner, none waiting for another: an owner whose worker just died, or that is moving,
        // holds up only its own ping, and the others are woken on time.
        var pings = new Dictionary<ShardKey, Task<bool>>();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (DateTimeOffset.UtcNow - listedAt >= s_listEvery)
                {
                    foreach (var stream in consumers.All.Select(c => c.StreamName).Distinct(StringComparer.Ordinal))
                        shards[stream] = await streams.ListShardsAsync(stream, stoppingToken);
                    foreach (var consumer in consumers.All)
                    {
                        var consumerDone = done.TryGetValue(consumer.Name, out var known) ? known : done[consumer.Name] = new HashSet<string>(StringComparer.Ordinal);
                        ready[consumer.Name] = await ShardLineage.ReadyShardsAsync(shards.GetValueOrDefault(consumer.StreamName) ?? [], consumerDone,
                            consumer.IsShardDoneAsync, stoppingToken);
                    }

                    listedAt = DateTimeOffset.UtcNow;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A stream not created yet, a stream service that does not answer: the next round lists again.
                Failed(e.Message);
            }

            var failed = 0;
            string? error = null;
            foreach (var key in from consumer in consumers.All
                                from shard in ready.GetValueOrDefault(consumer.Name) ?? []
                                select new ShardKey(consumer.Name, shard))
            {
                if (pings.TryGetValue(key, out var previous))
                {
                    if (!previous.IsCompleted)
                        continue;
                    if (previous.Exception is { } exception)
                    {
                        failed++;
                        error ??= exception.InnerException?.Message ?? exception.Message;
                    }
                    else if (previous.Result)
                    {
                        // Done (a parent read to its end): woken no more; the next listing leaves it out too.
                        done[key.Consumer].Add(key.ShardId);
                        ready[key.Consumer] = ready[key.Consumer].Where(s => s != key.ShardId).ToList();
                        pings.Remove(key);
                        continue;
                    }
                }

                pings[key] = grains.GetGrain<IShardOwnerGrain>(key.ToString()).PingAsync();
            }

            if (failed > 0)
            {
                Failed($"{failed} owners did not answer ({error})");
            }
            else if (failures > 0)
            {
                logger.LogInformation("Every shard's owner answers again, after {Failures} rounds with failures.", failures);
                failures = 0;
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

        void Failed(string why)
        {
            // A worker that just died answers for no owner until it is declared dead: said once every 30 rounds.
            if (failures++ % 30 == 0)
                logger.LogWarning("Waking the shards' owners: {Error}; trying again every {Interval}.", why, interval);
        }
    }
}
