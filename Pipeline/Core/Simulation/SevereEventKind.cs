namespace TurbineConsole.Pipeline.Simulation;

/// <summary>What the anomaly dataset injected at a reading, so that detection can be scored.</summary>
public enum SevereEventKind
{
    /// <summary>Ordinary wind.</summary>
    None,
    /// <summary>A single 70-110 mph reading at one turbine.</summary>
    Spike,
    /// <summary>A reading inside a farm-wide period of sustained high wind (about 55-65 mph, above the cut-out speed).</summary>
    SustainedHighWind,
}
