namespace TurbineConsole.Pipeline.Streams;

/// <summary>One record to put: its data and the partition key that chooses its shard.</summary>
public sealed record PutRecordsEntry(string PartitionKey, ReadOnlyMemory<byte> Data);
