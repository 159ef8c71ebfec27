namespace TurbineConsole.Pipeline.Simulation;

/// <summary>How one dataset is sent: where, how fast, how much.</summary>
public sealed record SimulationSettings
{
    /// <summary>The stream the readings go to.</summary>
    public required string StreamName { get; init; }

    /// <summary>Readings per second, all turbines together (0.1 to 100,000).</summary>
    public double ReadingsPerSecond { get; init; } = 10;

    /// <summary>Stop after this many readings; null runs until stopped.</summary>
    public long? StopAfter { get; init; }

    /// <summary>Shape and seed of the dataset (its start time and tick interval are set from the clock and the rate).</summary>
    public DatasetOptions Dataset { get; init; } = new();

    /// <summary>Why these settings cannot run on any site (see <see cref="SimulationFields"/>), or null when they can.</summary>
    public string? Error() => SimulationFields.Error(this, SimulatorOptions.RateCeilingPerSecond);
}
