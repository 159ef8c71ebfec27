namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>What a turbine's latest wind speed means for the maintenance team (thresholds in <see cref="TurbineConditions"/>).</summary>
public enum TurbineCondition
{
    /// <summary>Ordinary wind.</summary>
    Normal,
    /// <summary>Strong wind approaching the cut-out speed.</summary>
    HighWind,
    /// <summary>Above the cut-out speed: the turbine stops producing and feathers its blades.</summary>
    CutOut,
    /// <summary>Above the shutdown speed: shut the turbine down and inspect it.</summary>
    ShutdownAdvised,
}
