namespace TurbineConsole.Pipeline.Streams;

/// <summary>One shard of a stream and the range of 128-bit hash keys it owns (decimal strings, as Kinesis gives them).</summary>
public sealed record ShardDescription(string ShardId, string StartingHashKey, string EndingHashKey);
