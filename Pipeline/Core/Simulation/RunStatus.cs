namespace TurbineConsole.Pipeline.Simulation;

/// <summary>Where a dataset run is.</summary>
public enum RunStatus
{
    /// <summary>Sending.</summary>
    Running,
    /// <summary>Stopped by the user.</summary>
    Stopped,
    /// <summary>Sent the requested number of readings.</summary>
    Completed,
    /// <summary>Stopped by an error from the stream; see the run's error.</summary>
    Failed,
    /// <summary>Was sending when the app stopped and was not resumed at the next start; see the run's error for why.</summary>
    Interrupted,
}
