namespace TurbineConsole.Pipeline.Configuration;

/// <summary>What one anomaly model covers.</summary>
public enum DetectorKey
{
    /// <summary>One model per wind farm.</summary>
    Location,
    /// <summary>One model per turbine.</summary>
    Turbine,
}
