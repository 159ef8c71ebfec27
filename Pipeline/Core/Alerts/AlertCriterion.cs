namespace TurbineConsole.Pipeline.Alerts;

/// <summary>What makes a scored reading an anomaly.</summary>
public enum AlertCriterion
{
    /// <summary>Score at or above the configured threshold (numeric comparison).</summary>
    Score,
    /// <summary>The detector's adaptive grade above 0.</summary>
    Grade,
}
