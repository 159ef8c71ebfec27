namespace TurbineConsole.Pipeline.Streams;

/// <summary>The answer to GetRecords.</summary>
/// <param name="Records">The records read, in sequence order (possibly none).</param>
/// <param name="NextShardIterator">Where to read next; null when the shard is closed and fully read.</param>
/// <param name="MillisBehindLatest">How far the last record read is behind the shard's tip, in milliseconds.</param>
public sealed record GetRecordsResult(IReadOnlyList<StreamRecord> Records, string? NextShardIterator, long MillisBehindLatest);
