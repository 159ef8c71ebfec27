namespace TurbineConsole.Pipeline.Streams;

/// <summary>One record read from a shard.</summary>
/// <param name="SequenceNumber">Its sequence number: unique in its shard, increasing in put order, a decimal string.</param>
/// <param name="PartitionKey">The partition key it was put with.</param>
/// <param name="Data">Its payload.</param>
/// <param name="ApproximateArrivalTimestamp">When the stream accepted it.</param>
public sealed record StreamRecord(string SequenceNumber, string PartitionKey, ReadOnlyMemory<byte> Data, DateTimeOffset ApproximateArrivalTimestamp);
