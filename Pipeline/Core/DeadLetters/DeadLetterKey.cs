namespace TurbineConsole.Pipeline.DeadLetters;

/// <summary>What identifies a dead letter: the consumer that gave up and the record's place in its stream.</summary>
public sealed record DeadLetterKey(string Consumer, string StreamName, string ShardId, string SequenceNumber);
