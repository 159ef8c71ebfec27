namespace TurbineConsole.Pipeline.Simulation;

/// <summary>A sensor or weather fault a run can script at known positions, so that detection can be scored on it.</summary>
public enum FaultKind
{
    /// <summary>One turbine's sensor freezes: it repeats its last value before the fault for the whole fault.</summary>
    StuckSensor,

    /// <summary>One turbine's sensor drifts: its readings move away from the wind by a steady number of mph per minute.</summary>
    DriftingSensor,

    /// <summary>
    /// A gust front crosses a farm: each turbine in turn (a delay apart) jumps by the gust's speed, which then eases off
    /// linearly over the fault's duration.
    /// </summary>
    GustFront,
}
