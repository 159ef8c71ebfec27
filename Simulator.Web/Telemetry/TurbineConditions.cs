namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// The wind-speed thresholds of the status board and the charts. They are not settings: they are the turbines' own
/// limits as the lab's advice gives them (<see cref="Pipeline.Alerts.AlertMessage.Advice"/>: full power at about 30 to
/// 55 mph, shutdown above 70), which every alert message repeats. What raises an alert is a setting
/// (<see cref="AnomalyRule"/>, from the <c>Alerts</c> section).
/// </summary>
public static class TurbineConditions
{
    /// <summary>From here on the wind is high: within 10 mph of cut-out.</summary>
    public const double HighWindMph = 45;

    /// <summary>Above this the turbine cuts out.</summary>
    public const double CutOutMph = 55;

    /// <summary>Above this shutdown is advised.</summary>
    public const double ShutdownMph = 70;

    /// <summary>The condition a wind speed means.</summary>
    public static TurbineCondition Of(double speedMph) => speedMph switch
    {
        > ShutdownMph => TurbineCondition.ShutdownAdvised,
        > CutOutMph => TurbineCondition.CutOut,
        >= HighWindMph => TurbineCondition.HighWind,
        _ => TurbineCondition.Normal,
    };

    /// <summary>A short label for people.</summary>
    public static string Label(this TurbineCondition condition) => condition switch
    {
        TurbineCondition.Normal => "Normal",
        TurbineCondition.HighWind => "High wind",
        TurbineCondition.CutOut => "Cut-out",
        TurbineCondition.ShutdownAdvised => "Shutdown advised",
        _ => condition.ToString(),
    };
}
