using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// The conditions of the status board and the charts, from the turbines' own limits (<see cref="TurbineLimits"/>, shared
/// with the alerts' severity). What raises an alert is a setting (<see cref="AnomalyRule"/>, from the <c>Alerts</c> section).
/// </summary>
public static class TurbineConditions
{
    /// <summary>The condition a wind speed means.</summary>
    public static TurbineCondition Of(double speedMph) => speedMph switch
    {
        > TurbineLimits.ShutdownMph => TurbineCondition.ShutdownAdvised,
        > TurbineLimits.CutOutMph => TurbineCondition.CutOut,
        >= TurbineLimits.HighWindMph => TurbineCondition.HighWind,
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
