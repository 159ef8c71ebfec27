using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Configuration;

namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// The scenario of <see cref="FaultDetectionReport"/>: the normal dataset of <see cref="Locations"/> farms, one reading
/// per turbine a second for <see cref="Length"/>, with one fault of a kind at the first farm (a sensor fault at its
/// second turbine) from <see cref="FaultStart"/> for <see cref="FaultDuration"/>, scored by the anomaly job with
/// <see cref="Detector"/> and judged by <see cref="Alerts"/>' rule. The defaults are the pipeline's.
/// </summary>
public sealed record FaultReportOptions
{
    /// <summary>The dataset's seed: the same seed gives the same report.</summary>
    public int Seed { get; init; } = new DatasetOptions().Seed;

    /// <summary>Farms simulated (the fault is at the first; the others add readings where nothing is wrong).</summary>
    public int Locations { get; init; } = new DatasetOptions().Locations;

    /// <summary>Turbines per farm (at least 2: the sensor faults are at the second).</summary>
    public int TurbinesPerLocation { get; init; } = new DatasetOptions().TurbinesPerLocation;

    /// <summary>Event time covered, one tick a second.</summary>
    public TimeSpan Length { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>When the fault begins, after the first reading: well after the detector's warm-up.</summary>
    public TimeSpan FaultStart { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the fault lasts (at each turbine, for a gust front).</summary>
    public TimeSpan FaultDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The drifting sensor's drift, mph per minute.</summary>
    public double DriftMphPerMinute { get; init; } = ScriptedFault.DefaultDriftMphPerMinute;

    /// <summary>The gust front's gust, mph above the wind.</summary>
    public double GustMph { get; init; } = ScriptedFault.DefaultGustMph;

    /// <summary>The gust front's delay from one turbine to the next.</summary>
    public TimeSpan DelayPerTurbine { get; init; } = ScriptedFault.DefaultDelayPerTurbine;

    /// <summary>The anomaly job's settings (default: the pipeline's).</summary>
    public AnomalyDetectionOptions Detector { get; init; } = new();

    /// <summary>The alert rule (default: the pipeline's): what is an anomaly, and which anomalies raise an alert.</summary>
    public AlertOptions Alerts { get; init; } = new();

    /// <summary>Why these options cannot make a report, naming the value, or null (the faults' own values are checked as a run's are).</summary>
    public string? Error() =>
        SimulationFields.LocationsError(Locations)
        ?? FaultFields.DriftError(DriftMphPerMinute)
        ?? (GustMph is >= FaultFields.MinGustMph and <= FaultFields.MaxGustMph ? null
            : $"{FaultFields.Gust} must be {FaultFields.MinGustMph:0} to {FaultFields.MaxGustMph:0}; {GustMph} is outside that range.")
        ?? (DelayPerTurbine >= TimeSpan.Zero && DelayPerTurbine.TotalSeconds <= FaultFields.MaxDelaySeconds ? null
            : $"{FaultFields.Delay} must be 0 to {FaultFields.MaxDelaySeconds:0}; {DelayPerTurbine.TotalSeconds} is outside that range.")
        ?? (TurbinesPerLocation is < 2 or > SimulationFields.MaxTurbinesPerLocation
            ? $"Turbines per location must be 2 to {SimulationFields.MaxTurbinesPerLocation} for a fault report; {TurbinesPerLocation} is outside that range."
            : null)
        ?? (FaultStart < TimeSpan.Zero || FaultDuration < TimeSpan.FromSeconds(1) || FaultEnd > Length || Length > TimeSpan.FromDays(1)
            ? $"The faults ({FaultStart.TotalSeconds:0} s for {FaultDuration.TotalSeconds:0} s, a gust front ending at {FaultEnd.TotalSeconds:0} s) must lie within the report's length ({Length.TotalSeconds:0} s, at most a day)."
            : null);

    /// <summary>When the longest fault, a gust front across every turbine of the farm, ends.</summary>
    private TimeSpan FaultEnd => FaultStart + FaultDuration + DelayPerTurbine * Math.Max(0, TurbinesPerLocation - 1);

    /// <summary>The fault of <paramref name="kind"/> the report scripts, at <paramref name="farm"/>.</summary>
    public ScriptedFault FaultOf(FaultKind kind, WindFarm farm)
    {
        ArgumentNullException.ThrowIfNull(farm);
        return new ScriptedFault
        {
            Kind = kind,
            Location = farm.Location,
            Turbine = kind == FaultKind.GustFront ? null : farm.Turbines[1],
            Start = FaultStart,
            Duration = FaultDuration,
            DriftMphPerMinute = kind == FaultKind.DriftingSensor ? DriftMphPerMinute : null,
            GustMph = kind == FaultKind.GustFront ? GustMph : null,
            DelayPerTurbine = kind == FaultKind.GustFront ? DelayPerTurbine : null,
        };
    }
}
