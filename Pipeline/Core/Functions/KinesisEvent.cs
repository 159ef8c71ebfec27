namespace TurbineConsole.Pipeline.Functions;

/// <summary>A batch of stream records handed to a function, shaped like Lambda's Kinesis event.</summary>
public sealed record KinesisEvent(IReadOnlyList<KinesisEventRecord> Records);
