namespace TurbineConsole.Pipeline.Streams;

/// <summary>
/// One shard of a stream as ListShards gives it: the range of 128-bit hash keys it owns (decimal strings, as Kinesis gives
/// them), where it comes from and its sequence-number range. A split closes one shard and opens two children whose
/// <see cref="ParentShardId"/> is it; a merge closes two adjacent shards and opens one child with both as parents.
/// A closed shard keeps its records until retention drops them and takes no more.
/// </summary>
/// <param name="ShardId">The shard's id.</param>
/// <param name="StartingHashKey">The first hash key it owns.</param>
/// <param name="EndingHashKey">The last hash key it owns.</param>
/// <param name="ParentShardId">The shard it was split from or the first of the two it was merged from; null for a shard the stream was created with.</param>
/// <param name="AdjacentParentShardId">The second shard it was merged from; null unless it came from a merge.</param>
/// <param name="StartingSequenceNumber">The first sequence number it can give; null when the backend does not say.</param>
/// <param name="EndingSequenceNumber">The last sequence number it holds once closed; null while it is open.</param>
public sealed record ShardDescription(
    string ShardId,
    string StartingHashKey,
    string EndingHashKey,
    string? ParentShardId = null,
    string? AdjacentParentShardId = null,
    string? StartingSequenceNumber = null,
    string? EndingSequenceNumber = null)
{
    /// <summary>True while the shard takes new records (it has not been split or merged).</summary>
    public bool IsOpen => EndingSequenceNumber is null;

    /// <summary>The shards it came from: none, its parent, or its two parents.</summary>
    public IEnumerable<string> Parents
    {
        get
        {
            if (ParentShardId is not null)
                yield return ParentShardId;
            if (AdjacentParentShardId is not null)
                yield return AdjacentParentShardId;
        }
    }
}
