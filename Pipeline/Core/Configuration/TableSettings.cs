namespace TurbineConsole.Pipeline.Configuration;

/// <summary>The tables of the flow (the lab's names by default).</summary>
public sealed class TableSettings
{
    /// <summary>Scored readings, written by AnalyticsDestinationFunction.</summary>
    public string WindData { get; set; } = "WindDataTable";

    /// <summary>Max speed per location and window, written by DIYFunction.</summary>
    public string MaxWindSpeed { get; set; } = "MaxWindSpeedTable";

    /// <summary>Per location, turbine and bucket (1 and 10 minutes): count, highest speed and highest-scored reading, written by RollupDestinationFunction.</summary>
    public string WindRollup { get; set; } = "WindRollupTable";
}
