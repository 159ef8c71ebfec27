namespace TurbineConsole.Pipeline.Streams;

/// <summary>A shard iterator's starting position: a type and, where the type needs one, a sequence number or a time.</summary>
public sealed record StartingPosition(ShardIteratorType Type, string? SequenceNumber = null, DateTimeOffset? Timestamp = null)
{
    /// <summary>The oldest retained record.</summary>
    public static StartingPosition TrimHorizon { get; } = new(ShardIteratorType.TRIM_HORIZON);

    /// <summary>Only records put from now on.</summary>
    public static StartingPosition Latest { get; } = new(ShardIteratorType.LATEST);

    /// <summary>At the given sequence number.</summary>
    public static StartingPosition AtSequenceNumber(string sequenceNumber) => new(ShardIteratorType.AT_SEQUENCE_NUMBER, sequenceNumber);

    /// <summary>Just after the given sequence number (how a consumer resumes from a checkpoint).</summary>
    public static StartingPosition AfterSequenceNumber(string sequenceNumber) => new(ShardIteratorType.AFTER_SEQUENCE_NUMBER, sequenceNumber);

    /// <summary>At the first record that arrived at or after the given time.</summary>
    public static StartingPosition AtTimestamp(DateTimeOffset timestamp) => new(ShardIteratorType.AT_TIMESTAMP, Timestamp: timestamp);
}
