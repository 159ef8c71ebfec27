namespace TurbineConsole.Pipeline.Checkpoints;

/// <summary>
/// Where a consumer (a job or a function's event source mapping) keeps, per shard, the sequence number of the last
/// record it finished and, for jobs, its state at that point. Position and state are saved together, atomically.
/// In a cluster each (consumer, shard) also has an owner epoch: a worker that takes the shard raises it by one
/// (<see cref="ClaimAsync"/>) and saves only while it is still the shard's epoch (<see cref="SaveAsync(Checkpoint, long, CancellationToken)"/>),
/// so a worker that lost the shard commits nothing for it.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>The last checkpoint of this consumer on this shard, or null when it never checkpointed.</summary>
    Task<Checkpoint?> LoadAsync(string consumer, string streamName, string shardId, CancellationToken cancellationToken = default);

    /// <summary>Replaces the checkpoint of this consumer on this shard (unfenced: a single process that owns every shard).</summary>
    Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the checkpoint of this consumer on this shard only while <paramref name="ownerEpoch"/> is still the
    /// shard's owner epoch, in the same conditional write; throws <see cref="OwnershipLostException"/> otherwise.
    /// </summary>
    Task SaveAsync(Checkpoint checkpoint, long ownerEpoch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes this consumer's shard for <paramref name="owner"/>: the owner epoch goes from the one stored to that plus
    /// one in a conditional write (tried again when another claim came between), which fences every earlier owner's
    /// saves. Returns the new epoch (1 for a shard never claimed).
    /// </summary>
    Task<long> ClaimAsync(string consumer, string streamName, string shardId, string owner, CancellationToken cancellationToken = default);

    /// <summary>Who claimed this consumer's shard last, or null when nobody did (or an unfenced save came after).</summary>
    Task<ShardOwner?> OwnerAsync(string consumer, string streamName, string shardId, CancellationToken cancellationToken = default);
}
