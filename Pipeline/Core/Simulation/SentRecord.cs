using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Pipeline.Simulation;

/// <summary>A reading the simulator sent, with where the stream put it (the lab's "test data" panel).</summary>
public sealed record SentRecord(WindReading Reading, string ShardId, string SequenceNumber);
