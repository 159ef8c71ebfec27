using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace TurbineConsole.Pipeline.Cluster;

/// <summary>
/// Runs one consumer's shard while activated. On activation it claims the shard (the owner epoch goes up by one, so
/// every earlier owner's saves are refused from then on) and starts the shard's loop; on deactivation it stops the loop
/// without a last checkpoint (the next owner replays from the last one). A ping finds it moved when the live workers
/// changed and placement now picks another one, or when its loop stopped because it lost the shard: it deactivates,
/// and the next ping activates it where placement says.
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

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = ShardKey.Parse(this.GetPrimaryKeyString());
        var consumer = consumers.Find(_key.Consumer) ?? throw new InvalidOperationException($"This worker runs no consumer named {_key.Consumer}.");
        _stream = consumer.StreamName;
        _epoch = await consumers.Checkpoints.HoldAsync(consumer.Name, consumer.StreamName, _key.ShardId, silo.SiloAddress.ToParsableString(), cancellationToken);
        logger.LogInformation("Worker {Silo} owns {Consumer} on {Stream}/{Shard} (owner epoch {Epoch}).", silo.SiloAddress, _key.Consumer, _stream, _key.ShardId, _epoch);
        _loop = Task.Run(() => consumer.RunShardAsync(_key.ShardId, _stop.Token), CancellationToken.None);
    }

    /// <inheritdoc />
    public Task<string> PingAsync()
    {
        if (_loop is { IsCompleted: true })
        {
            DeactivateOnIdle();
        }
        else if (ShardPlacement.Choose(_key.ShardId, ActiveSilos()) is { } preferred && !preferred.Equals(silo.SiloAddress))
        {
            logger.LogInformation("{Consumer} on {Stream}/{Shard} moves from worker {Silo} to {Preferred}: the workers changed.", _key.Consumer, _stream, _key.ShardId,
                silo.SiloAddress, preferred);
            DeactivateOnIdle();
        }

        return Task.FromResult(silo.SiloAddress.ToParsableString());
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

    /// <summary>The workers the membership table lists as active now.</summary>
    private IEnumerable<SiloAddress> ActiveSilos() =>
        membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress);
}
