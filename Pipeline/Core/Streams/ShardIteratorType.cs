namespace TurbineConsole.Pipeline.Streams;

/// <summary>Where a shard iterator starts, as Kinesis names it.</summary>
public enum ShardIteratorType
{
    /// <summary>The oldest record still retained.</summary>
    TRIM_HORIZON,
    /// <summary>Just after the newest record: only records put later are read.</summary>
    LATEST,
    /// <summary>At the record with the given sequence number.</summary>
    AT_SEQUENCE_NUMBER,
    /// <summary>Just after the record with the given sequence number.</summary>
    AFTER_SEQUENCE_NUMBER,
    /// <summary>At the first record that arrived at or after the given time.</summary>
    AT_TIMESTAMP,
}
