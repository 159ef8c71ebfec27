namespace TurbineConsole.Pipeline.Checkpoints;

/// <summary>
/// A fenced save was refused: another worker has claimed the shard since (its owner epoch is newer), or this process
/// never held it. The loop that tried stops without committing anything; the shard's new owner goes on from the last
/// checkpoint.
/// </summary>
public sealed class OwnershipLostException(string consumer, string streamName, string shardId, long ownerEpoch, string detail)
    : Exception($"{consumer} no longer owns {streamName}/{shardId} (epoch {ownerEpoch}): {detail}")
{
    /// <summary>The consumer.</summary>
    public string Consumer { get; } = consumer;

    /// <summary>The shard it lost.</summary>
    public string ShardId { get; } = shardId;
}
