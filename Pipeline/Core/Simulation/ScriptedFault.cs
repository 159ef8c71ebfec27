namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// A fault a run injects at a known position: what (<see cref="Kind"/>), where (a location and, for a sensor fault, a
/// turbine), when (<see cref="Start"/> after the run's first reading, for <see cref="Duration"/>) and how strongly.
/// Checked by <see cref="FaultFields"/>, which names the field of a value it refuses; the generator reports what it
/// injected where as <see cref="InjectedFault"/>s (the ground truth).
/// </summary>
public sealed record ScriptedFault
{
    /// <summary>Drift of a drifting sensor when none is given, in mph per minute.</summary>
    public const double DefaultDriftMphPerMinute = 2;

    /// <summary>Gust of a gust front when none is given, in mph above the wind.</summary>
    public const double DefaultGustMph = 25;

    /// <summary>Delay between two turbines of a gust front when none is given.</summary>
    public static readonly TimeSpan DefaultDelayPerTurbine = TimeSpan.FromSeconds(10);

    /// <summary>What goes wrong.</summary>
    public required FaultKind Kind { get; init; }

    /// <summary>The location (farm) it happens at: one of the dataset's.</summary>
    public required string Location { get; init; }

    /// <summary>The turbine whose sensor fails (stuck or drifting sensor); null for a gust front, which crosses every turbine of the location.</summary>
    public string? Turbine { get; init; }

    /// <summary>When it begins, after the event time of the run's first reading (for a gust front: at the location's first turbine).</summary>
    public required TimeSpan Start { get; init; }

    /// <summary>How long it lasts (for a gust front: at each turbine).</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Drifting sensor only: how fast its readings move away from the wind, mph per minute (negative: downwards); null: <see cref="DefaultDriftMphPerMinute"/>.</summary>
    public double? DriftMphPerMinute { get; init; }

    /// <summary>Gust front only: how far above the wind a turbine's speed jumps when the front reaches it, mph; null: <see cref="DefaultGustMph"/>.</summary>
    public double? GustMph { get; init; }

    /// <summary>Gust front only: how long the front takes from one turbine to the next; null: <see cref="DefaultDelayPerTurbine"/>.</summary>
    public TimeSpan? DelayPerTurbine { get; init; }

    /// <summary>The drift in effect.</summary>
    public double Drift => DriftMphPerMinute ?? DefaultDriftMphPerMinute;

    /// <summary>The gust in effect.</summary>
    public double Gust => GustMph ?? DefaultGustMph;

    /// <summary>The delay per turbine in effect.</summary>
    public TimeSpan Delay => DelayPerTurbine ?? DefaultDelayPerTurbine;

    /// <summary>How the fault reads in a list, e.g. "stuck sensor at Chicago CHI-02 from 600 s for 300 s".</summary>
    public override string ToString()
    {
        var where = Turbine is null ? Location : $"{Location} {Turbine}";
        var how = Kind switch
        {
            FaultKind.DriftingSensor => FormattableString.Invariant($", {Drift:+0.###;-0.###} mph/min"),
            FaultKind.GustFront => FormattableString.Invariant($", +{Gust:0.###} mph, {Delay.TotalSeconds:0.###} s per turbine"),
            _ => "",
        };
        return FormattableString.Invariant($"{FaultFields.KindName(Kind)} at {where} from {Start.TotalSeconds:0.###} s for {Duration.TotalSeconds:0.###} s{how}");
    }
}
