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

    /// <summary>Why these settings cannot run, or null when they can.</summary>
    public string? Error() =>
        Streams.KinesisRules.StreamNameError(StreamName)
        ?? (ReadingsPerSecond is < 0.1 or > 100_000 || double.IsNaN(ReadingsPerSecond) ? "The rate must be 0.1 to 100,000 readings per second." : null)
        ?? (StopAfter is < 1 ? "\"Stop after\" must be at least 1 reading, or empty to run until stopped." : null);
}
