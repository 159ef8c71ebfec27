namespace TurbineConsole.Pipeline.DeadLetters;

/// <summary>A record that a consumer gave up on.</summary>
/// <param name="Consumer">Who gave up: a job or a function.</param>
/// <param name="StreamName">The stream it was read from.</param>
/// <param name="ShardId">Its shard.</param>
/// <param name="SequenceNumber">Its sequence number.</param>
/// <param name="Data">Its payload, unchanged.</param>
/// <param name="Reason">Why: a parse error, a validation error, or the last error after the retries ran out.</param>
/// <param name="FailedAt">When it was given up on.</param>
public sealed record DeadLetter(string Consumer, string StreamName, string ShardId, string SequenceNumber, ReadOnlyMemory<byte> Data, string Reason, DateTimeOffset FailedAt);
