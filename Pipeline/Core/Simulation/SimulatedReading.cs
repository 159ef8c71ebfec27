using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Pipeline.Simulation;

/// <summary>A generated reading and the severe event injected at it, if any (the label; not sent to the stream).</summary>
public readonly record struct SimulatedReading(WindReading Reading, SevereEventKind Event);
