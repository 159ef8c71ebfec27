namespace TurbineConsole.Pipeline.Checkpoints;

/// <summary>A consumer's position in one shard and its state there.</summary>
/// <param name="Consumer">The consumer's name, for example <c>AnomalyDetection</c>.</param>
/// <param name="StreamName">The stream read.</param>
/// <param name="ShardId">The shard read.</param>
/// <param name="SequenceNumber">The last record fully processed; reading resumes after it.</param>
/// <param name="State">The consumer's state after that record (empty for stateless consumers).</param>
public sealed record Checkpoint(string Consumer, string StreamName, string ShardId, string SequenceNumber, ReadOnlyMemory<byte> State);
