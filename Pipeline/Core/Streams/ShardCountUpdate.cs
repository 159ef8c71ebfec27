namespace TurbineConsole.Pipeline.Streams;

/// <summary>The answer to UpdateShardCount: the open shards before and after.</summary>
/// <param name="StreamName">The stream.</param>
/// <param name="CurrentShardCount">Open shards before the change.</param>
/// <param name="TargetShardCount">Open shards after it.</param>
public sealed record ShardCountUpdate(string StreamName, int CurrentShardCount, int TargetShardCount);
