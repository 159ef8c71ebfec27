namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>A turbine's latest scored reading on the status board, with its latched alarm.</summary>
/// <param name="Location">Its wind farm.</param>
/// <param name="Turbine">Its id.</param>
/// <param name="SpeedMph">Latest wind speed.</param>
/// <param name="Score">Anomaly score of that reading.</param>
/// <param name="Timestamp">When that reading was taken.</param>
public sealed record TurbineStatus(string Location, string Turbine, double SpeedMph, double Score, DateTimeOffset Timestamp)
{
    /// <summary>What the latest speed means.</summary>
    public TurbineCondition Condition => TurbineConditions.Of(SpeedMph);

    /// <summary>The worst unacknowledged reading, kept until acknowledged (null when there is none).</summary>
    public TurbineAlarm? Latched { get; init; }

    /// <summary>What the board shows: the latched condition when it is worse than the latest one.</summary>
    public TurbineCondition Shown => Latched is { } alarm && alarm.Condition > Condition ? alarm.Condition : Condition;

    /// <summary>Whether the latched condition is worse than the latest one (the board then says "latched").</summary>
    public bool IsLatched => Latched is { } alarm && alarm.Condition > Condition;
}
