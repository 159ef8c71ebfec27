namespace TurbineConsole.Pipeline.Simulation;

/// <summary>Shape and seed of a generated dataset.</summary>
public sealed record DatasetOptions
{
    /// <summary>How many wind farms (1 to <see cref="WindDatasetGenerator.MaxLocations"/>); the DIY dataset always has one, "City".</summary>
    public int Locations { get; init; } = 5;

    /// <summary>Turbines per farm (1 to 100).</summary>
    public int TurbinesPerLocation { get; init; } = 4;

    /// <summary>Seed: the same seed gives the same readings and the same injected events.</summary>
    public int Seed { get; init; } = 20261130;

    /// <summary>Event time of the first tick.</summary>
    public DateTimeOffset StartTime { get; init; } = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Event time between ticks; every turbine gives one reading per tick.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The daily rhythm of the wind, by event time; <see cref="DailyWindProfile.Off"/> by default.</summary>
    public DailyWindProfile DailyProfile { get; init; } = DailyWindProfile.Off;

    /// <summary>Faults injected at known positions (at most <see cref="FaultFields.MaxFaults"/>); none by default.</summary>
    public IReadOnlyList<ScriptedFault> Faults { get; init; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> with a clear message when a value is out of range.</summary>
    public void Validate()
    {
        if ((SimulationFields.LocationsError(Locations) ?? SimulationFields.TurbinesError(TurbinesPerLocation)) is { } error)
            throw new ArgumentException(error);
        if (TickInterval <= TimeSpan.Zero)
            throw new ArgumentException($"TickInterval must be positive; it is {TickInterval}.");
        if (FaultFields.ProfileError(DailyProfile) is { } profileError)
            throw new ArgumentException(profileError);
    }
}
