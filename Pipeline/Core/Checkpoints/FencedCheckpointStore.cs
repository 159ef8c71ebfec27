using System.Collections.Concurrent;

namespace TurbineConsole.Pipeline.Checkpoints;

/// <summary>
/// The checkpoint store a cluster worker's consumers save through: for the consumers it fences (<see cref="Fence"/>), every save
/// is conditional on the owner epoch this process took when it claimed the shard (<see cref="Hold"/>), and a save for
/// a shard this process does not hold is refused with <see cref="OwnershipLostException"/>. Entries that are not a
/// shard's but that a shard's owner writes (the parked key states, one per key for the whole stream) go through
/// <see cref="UpdateForShardAsync"/>; other consumers save as they are.
/// </summary>
public sealed class FencedCheckpointStore(ICheckpointStore inner) : ICheckpointStore
{
    /// <summary>Consumers whose shards are owned one worker at a time.</summary>
    private readonly ConcurrentDictionary<string, byte> _fenced = new(StringComparer.Ordinal);

    /// <summary>The epoch held for each (consumer, stream, shard) this process owns now.</summary>
    private readonly ConcurrentDictionary<(string Consumer, string Stream, string Shard), long> _held = new();

    /// <summary>The store written to.</summary>
    public ICheckpointStore Inner => inner;

    /// <summary>From now on, saves of <paramref name="consumer"/> are fenced: refused for a shard this process does not hold.</summary>
    public void Fence(string consumer) => _fenced.TryAdd(consumer, 0);

    /// <summary>Whether a consumer's saves are fenced.</summary>
    public bool IsFenced(string consumer) => _fenced.ContainsKey(consumer);

    /// <summary>Claims the shard in the store (epoch + 1) and holds the new epoch for this process's saves; returns it.</summary>
    public async Task<long> HoldAsync(string consumer, string streamName, string shardId, string owner, CancellationToken cancellationToken = default)
    {
        var epoch = await inner.ClaimAsync(consumer, streamName, shardId, owner, cancellationToken);
        _held[(consumer, streamName, shardId)] = epoch;
        return epoch;
    }

    /// <summary>Holds <paramref name="epoch"/> for the shard, as a claim made elsewhere gave it.</summary>
    public void Hold(string consumer, string streamName, string shardId, long epoch) => _held[(consumer, streamName, shardId)] = epoch;

    /// <summary>Stops holding the shard: saves for it are refused from now on.</summary>
    public void Release(string consumer, string streamName, string shardId) => _held.TryRemove((consumer, streamName, shardId), out _);

    /// <summary>The epoch held for the shard, or null when this process does not hold it.</summary>
    public long? HeldEpoch(string consumer, string streamName, string shardId) =>
        _held.TryGetValue((consumer, streamName, shardId), out var epoch) ? epoch : null;

    /// <summary>
    /// Writes an entry that is not a shard's own checkpoint but that the owner of <paramref name="consumer"/>'s shard
    /// <paramref name="shardId"/> writes for it (a parked key state, <paramref name="entryConsumer"/>/<paramref name="entryKey"/>),
    /// as <paramref name="update"/> makes it from the entry as stored. Refused (<see cref="OwnershipLostException"/>)
    /// when this process does not hold the shard or the shard's stored owner epoch has moved past the one held, so a
    /// worker that lost the shard stops writing its keys too. The entry itself is written compare-and-swap: its own epoch
    /// is claimed, the entry read, and the save made on that epoch; when another writer came between, the save fails
    /// and <paramref name="update"/> runs again on the entry as it is then, so no writer's versions are lost. (The check
    /// of the shard's epoch and the entry's write are two items, not one conditional write: a worker cut off between
    /// them can still add a version, which is harmless, since a key's state at a position depends only on its records.)
    /// </summary>
    public async Task UpdateForShardAsync(string consumer, string streamName, string shardId, string entryConsumer, string entryKey,
        Func<Checkpoint?, Checkpoint> update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var held = HeldEpoch(consumer, streamName, shardId)
            ?? throw new OwnershipLostException(consumer, streamName, shardId, 0, "this worker does not hold the shard.");
        while (true)
        {
            if ((await inner.OwnerAsync(consumer, streamName, shardId, cancellationToken))?.Epoch != held)
                throw new OwnershipLostException(consumer, streamName, shardId, held, "another worker has claimed it since.");

            // Claim first, read after: a writer that claims later fails its save; one that claimed earlier and saved is read.
            var epoch = await inner.ClaimAsync(entryConsumer, streamName, entryKey, consumer + "/" + shardId, cancellationToken);
            var entry = await inner.LoadAsync(entryConsumer, streamName, entryKey, cancellationToken);
            try
            {
                await inner.SaveAsync(update(entry), epoch, cancellationToken);
                return;
            }
            catch (OwnershipLostException)
            {
                // Another writer claimed the entry between: read it again and add to what it wrote.
            }
        }
    }

    /// <inheritdoc />
    public Task<Checkpoint?> LoadAsync(string consumer, string streamName, string shardId, CancellationToken cancellationToken = default) =>
        inner.LoadAsync(consumer, streamName, shardId, cancellationToken);

    /// <inheritdoc />
    public Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!IsFenced(checkpoint.Consumer))
            return inner.SaveAsync(checkpoint, cancellationToken);
        return HeldEpoch(checkpoint.Consumer, checkpoint.StreamName, checkpoint.ShardId) is { } epoch
            ? inner.SaveAsync(checkpoint, epoch, cancellationToken)
            : throw new OwnershipLostException(checkpoint.Consumer, checkpoint.StreamName, checkpoint.ShardId, 0, "this worker does not hold the shard.");
    }

    /// <inheritdoc />
    public Task SaveAsync(Checkpoint checkpoint, long ownerEpoch, CancellationToken cancellationToken = default) => inner.SaveAsync(checkpoint, ownerEpoch, cancellationToken);

    /// <inheritdoc />
    public Task<long> ClaimAsync(string consumer, string streamName, string shardId, string owner, CancellationToken cancellationToken = default) =>
        inner.ClaimAsync(consumer, streamName, shardId, owner, cancellationToken);

    /// <inheritdoc />
    public Task<ShardOwner?> OwnerAsync(string consumer, string streamName, string shardId, CancellationToken cancellationToken = default) =>
        inner.OwnerAsync(consumer, streamName, shardId, cancellationToken);
}
