namespace TurbineConsole.Pipeline.Replay;

/// <summary>Where a replay is.</summary>
public enum ReplayStatus
{
    /// <summary>Sending.</summary>
    Running,

    /// <summary>Paused by a user; resumes where it was.</summary>
    Paused,

    /// <summary>Every reading was sent.</summary>
    Completed,

    /// <summary>Stopped by a user, or because the app stopped.</summary>
    Stopped,

    /// <summary>The stream refused it; <see cref="ReplayRun.Error"/> says why.</summary>
    Failed,
}
