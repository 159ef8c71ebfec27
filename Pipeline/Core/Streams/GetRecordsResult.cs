namespace TurbineConsole.Pipeline.Streams;

/// <summary>The answer to GetRecords.</summary>
/// <param name="Records">The records read, in sequence order (possibly none).</param>
/// <param name="NextShardIterator">Where to read next; null when the shard is closed and fully read.</param>
/// <param name="MillisBehindLatest">How far the last record read is behind the shard's tip, in milliseconds.</param>
/// <param name="ChildShards">
/// When the shard is closed and read to its end: the shards that took over its hash keys (Kinesis's ChildShards);
/// null otherwise, or when the backend does not say (kinesalite; ListShards has them too).
/// </param>
public sealed record GetRecordsResult(IReadOnlyList<StreamRecord> Records, string? NextShardIterator, long MillisBehindLatest, IReadOnlyList<ChildShard>? ChildShards = null)
{
    /// <summary>True when the shard is closed and nothing of it is left to read.</summary>
    public bool AtShardEnd => NextShardIterator is null;
}
