using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// A generated reading with the severe event and the scripted fault injected at it, if any (the labels; not sent to the
/// stream).
/// </summary>
/// <param name="Reading">The reading as sent.</param>
/// <param name="Event">The anomaly dataset's severe event at it.</param>
/// <param name="Fault">The scripted fault that changed it, or null.</param>
public readonly record struct SimulatedReading(WindReading Reading, SevereEventKind Event, FaultKind? Fault = null);
