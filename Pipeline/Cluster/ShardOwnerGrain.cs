using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>
/// Runs one consumer's shard while activated. On activation it claims the shard (the owner epoch goes up by one, so
/// every earlier owner's saves are refused from then on) and starts the shard's loop; on deactivation it stops the loop
/// without a last checkpoint (the next owner replays from the last one). A ping finds it should move when the live
/// workers changed and placement now picks another one: it migrates there (Orleans places the new activation with
/// <see cref="ShardPlacementDirector"/> and moves the grain directory's entry with it). A ping that finds its loop
/// stopped (the shard read to its end, or lost) deactivates it, and the next ping activates it where placement says; an
/// owner activated for a shard that is done already claims nothing and tells the keeper so.
/// Moving by deactivating did not do: the other workers still sent pings to this worker's address, which activated the
/// owner here again without asking placement, and it moved again on each ping, for minutes.
/// </summary>
[ShardPlacement]
internal sealed class ShardOwnerGrain(ClusterConsumers consumers, ILocalSiloDetails silo, IClusterMembershipService membership, ILogger<ShardOwnerGrain> logger)
    : Grain, IShardOwnerGrain
{
    /// <summary>How long a deactivation waits for the loop to stop.</summary>
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();
    private ShardKey _key;
    private string _stream = "";
    private long _epoch;
    private Task? _loop;
    private bool _done;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = ShardKey.Parse(this.GetPrimaryKeyString());
        var consumer = consumers.Find(_key.Consumer) ?? throw new InvalidOperationException($"This worker runs no consumer named {_key.Consumer}.");
        _stream = consumer.StreamName;
        if (await consumer.IsShardDoneAsync(_key.ShardId, cancellationToken))
        {
            // A finished shard woken before the keepers listed the shards again: nothing to claim or run.
            _done = true;
            DeactivateOnIdle();
            return;
        }

        _epoch = await consumers.Checkpoints.HoldAsync(consumer.Name, consumer.StreamName, _key.ShardId, silo.SiloAddress.ToParsableString(), cancellationToken);
        logger.LogInformation("Worker {Silo} owns {Consumer} on {Stream}/{Shard} (owner epoch {Epoch}).", silo.SiloAddress, _key.Consumer, _stream, _key.ShardId, _epoch);
        _loop = Task.Run(() => consumer.RunShardAsync(_key.ShardId, _stop.Token), CancellationToken.None);
    }

    /// <inheritdoc />
    public Task<bool> PingAsync()
    {
        if (_done)
            return Task.FromResult(true);
        if (_loop is { IsCompleted: true })
        {
            DeactivateOnIdle();
        }
        else if (ShardPlacement.Choose(_key.ShardId, ShardPlacement.ActiveWorkers(membership)) is { } preferred && !preferred.Equals(silo.SiloAddress))
        {
            logger.LogInformation("{Consumer} on {Stream}/{Shard} moves from worker {Silo} to {Preferred}: the workers changed.", _key.Consumer, _stream, _key.ShardId,
                silo.SiloAddress, preferred);
            MigrateOnIdle();
        }

        return Task.FromResult(false);
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop.WaitAsync(s_stopTimeout, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                logger.LogWarning("{Consumer} on {Stream}/{Shard} did not stop within {Timeout}; its saves are refused from now on.", _key.Consumer, _stream, _key.ShardId, s_stopTimeout);
            }
        }

        consumers.Checkpoints.Release(_key.Consumer, _stream, _key.ShardId);
        _stop.Dispose();
        logger.LogInformation("Worker {Silo} released {Consumer} on {Stream}/{Shard} (owner epoch {Epoch}): {Reason}.", silo.SiloAddress, _key.Consumer, _stream, _key.ShardId,
            _epoch, reason.Description);
    }
}
