namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>A turbine's latest scored reading on the status board.</summary>
/// <param name="Location">Its wind farm.</param>
/// <param name="Turbine">Its id.</param>
/// <param name="SpeedMph">Latest wind speed.</param>
/// <param name="Score">Anomaly score of that reading.</param>
/// <param name="Timestamp">When that reading was taken.</param>
public sealed record TurbineStatus(string Location, string Turbine, double SpeedMph, double Score, DateTimeOffset Timestamp)
{
    /// <summary>What the speed means.</summary>
    public TurbineCondition Condition => TurbineConditions.Of(SpeedMph);
}
