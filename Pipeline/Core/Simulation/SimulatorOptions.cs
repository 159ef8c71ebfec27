namespace TurbineConsole.Pipeline.Simulation;

/// <summary>
/// The <c>Simulator</c> section of appsettings.json: what the simulator page may do on this site. A production site
/// turns it off, or keeps it to a test stream and a modest rate, so that nobody who reaches the page can flood the
/// real streams.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>The configuration section's name.</summary>
    public const string Section = "Simulator";

    /// <summary>Highest rate a site may allow, in readings per second (what one run can send at all).</summary>
    public const double RateCeilingPerSecond = 100_000;

    /// <summary>Whether the simulator page is shown and runs may start (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The streams a run may send to; empty allows any stream.</summary>
    public string[] AllowedStreams { get; set; } = [];

    /// <summary>Highest rate a run may ask for, in readings per second, all turbines together (0.1 to 100,000).</summary>
    public double MaxRatePerSecond { get; set; } = 10_000;

    /// <summary>
    /// Whether a run that was sending when the app stopped starts again at the next start, where it was (default true);
    /// when false it is shown as interrupted, with its counts.
    /// </summary>
    public bool ResumeRuns { get; set; } = true;

    /// <summary>The table where runs are kept across restarts.</summary>
    public string RunTable { get; set; } = "TurbineConsoleSimulatorRuns";

    /// <summary>Whether a run may send to <paramref name="streamName"/>.</summary>
    public bool Allows(string streamName) => AllowedStreams.Length == 0 || AllowedStreams.Contains(streamName, StringComparer.Ordinal);

    /// <summary>
    /// Why a run with <paramref name="settings"/> is refused on this site, in words a user of the page reads (the rate
    /// with the same message as <see cref="SimulationFields.RateError"/>); null when it may start.
    /// </summary>
    public string? Refusal(SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!Enabled)
            return "The simulator is turned off on this site by its administrator.";
        if (!Allows(settings.StreamName))
            return $"The stream \"{settings.StreamName}\" is not one the simulator may send to on this site; it may send to {string.Join(", ", AllowedStreams)}.";
        return SimulationFields.RateError(settings.ReadingsPerSecond, MaxRatePerSecond);
    }
}
