using TurbineConsole.Pipeline.Streams;

namespace TurbineConsole.Pipeline.Functions;

/// <summary>One record of a <see cref="KinesisEvent"/>: where it came from and the record itself (Lambda's <c>kinesis</c> field).</summary>
/// <param name="StreamName">The stream read (Lambda gives its ARN in <c>eventSourceARN</c>).</param>
/// <param name="ShardId">The shard read (Lambda gives it in <c>eventID</c>, <c>shardId:sequenceNumber</c>).</param>
/// <param name="Kinesis">The record: sequence number, partition key, data, arrival time.</param>
public sealed record KinesisEventRecord(string StreamName, string ShardId, StreamRecord Kinesis)
{
    /// <summary>Lambda's <c>eventID</c>.</summary>
    public string EventId => $"{ShardId}:{Kinesis.SequenceNumber}";
}
