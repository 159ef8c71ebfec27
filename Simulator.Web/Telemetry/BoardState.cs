namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// What a location's card on the status board says, from least to most severe (the order the dashboard uses to pick
/// the location it opens on): a location that has gone silent ranks last, since its old data says nothing about now.
/// </summary>
public enum BoardState
{
    /// <summary>No reading for the settable silence (Dashboard settings): the last condition is too old to trust.</summary>
    NoCommunication,
    /// <summary>Every turbine in ordinary wind, nothing latched, no active incident.</summary>
    Normal,
    /// <summary>A turbine in (or latched at) high wind.</summary>
    HighWind,
    /// <summary>An active incident, while no turbine is (or is latched) at cut-out or above.</summary>
    Alert,
    /// <summary>A turbine above (or latched above) the cut-out speed.</summary>
    CutOut,
    /// <summary>A turbine above (or latched above) the shutdown speed.</summary>
    ShutdownAdvised,
}
