namespace TurbineConsole.Pipeline.Records;

/// <summary>
/// The turbines' own wind-speed limits, as the lab's advice gives them (full power at about 30 to 55 mph, shutdown
/// above 70), in one place for the status board, the charts and the alerts' severity. They are not settings: every
/// alert message repeats the advice they come from (<see cref="Alerts.AlertMessage.Advice"/>).
/// </summary>
public static class TurbineLimits
{
    /// <summary>From here on the wind is high: within 10 mph of cut-out.</summary>
    public const double HighWindMph = 45;

    /// <summary>Above this the turbine cuts out.</summary>
    public const double CutOutMph = 55;

    /// <summary>Above this shutdown is advised; an incident with such a reading is critical.</summary>
    public const double ShutdownMph = 70;

    /// <summary>Whether <paramref name="speedMph"/> calls for shutdown (above <see cref="ShutdownMph"/>).</summary>
    public static bool AdvisesShutdown(double speedMph) => speedMph > ShutdownMph;
}
