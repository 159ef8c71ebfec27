namespace TurbineConsole.Pipeline.Streams;

/// <summary>A shard that took over part of a closed shard's hash keys, as GetRecords names it once the closed shard is read to its end.</summary>
/// <param name="ShardId">The child's id.</param>
/// <param name="ParentShards">Its parents (one for a split, two for a merge).</param>
/// <param name="StartingHashKey">The first hash key it owns.</param>
/// <param name="EndingHashKey">The last hash key it owns.</param>
public sealed record ChildShard(string ShardId, IReadOnlyList<string> ParentShards, string StartingHashKey, string EndingHashKey);
