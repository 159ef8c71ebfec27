namespace TurbineConsole.Pipeline.DeadLetters;

/// <summary>A record that a consumer gave up on.</summary>
/// <param name="Consumer">Who gave up: a job or a function.</param>
/// <param name="StreamName">The stream it was read from.</param>
/// <param name="ShardId">Its shard.</param>
/// <param name="SequenceNumber">Its sequence number.</param>
/// <param name="Data">Its payload, unchanged.</param>
/// <param name="Reason">Why: a parse error, a validation error, or the last error after the retries ran out.</param>
/// <param name="FailedAt">When it was given up on.</param>
/// <param name="PartitionKey">The partition key it was put with, so that a re-drive puts it back the same way (empty for letters stored before it was kept).</param>
public sealed record DeadLetter(string Consumer, string StreamName, string ShardId, string SequenceNumber, ReadOnlyMemory<byte> Data, string Reason,
    DateTimeOffset FailedAt, string PartitionKey = "")
{
    /// <summary>What identifies it in the store.</summary>
    public DeadLetterKey Key => new(Consumer, StreamName, ShardId, SequenceNumber);
}
