namespace TurbineConsole.Pipeline.Checkpoints;

/// <summary>A consumer's position in one shard and its state there.</summary>
/// <param name="Consumer">The consumer's name, for example <c>AnomalyDetection</c>.</param>
/// <param name="StreamName">The stream read.</param>
/// <param name="ShardId">The shard read.</param>
/// <param name="SequenceNumber">The last record fully processed, reading resumes after it; or <see cref="ShardEnd"/>.</param>
/// <param name="State">The consumer's state after that record (empty for stateless consumers).</param>
public sealed record Checkpoint(string Consumer, string StreamName, string ShardId, string SequenceNumber, ReadOnlyMemory<byte> State)
{
    /// <summary>
    /// The position of a consumer that read a closed shard to its end and handed its keys over (as the Kinesis Client
    /// Library marks it): the shards that came from it may start.
    /// </summary>
    public const string ShardEnd = "SHARD_END";

    /// <summary>True when the consumer is done with this shard for good.</summary>
    public bool IsShardEnd => SequenceNumber == ShardEnd;
}
