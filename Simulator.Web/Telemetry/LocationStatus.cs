using TurbineConsole.Pipeline.Alerts;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>One card of the status board: a location's state, its turbines, its active incidents.</summary>
/// <param name="Location">The wind farm.</param>
/// <param name="State">What the card says (<see cref="BoardState.NoCommunication"/> once it has been silent too long).</param>
/// <param name="Condition">What it would say if it were not silent: the worst shown condition, or an active incident.</param>
/// <param name="Turbines">Its turbines, sorted by id, each with its latched alarm.</param>
/// <param name="Incidents">Its active (open or acknowledged, not resolved) incidents, newest first.</param>
/// <param name="LastReading">When its newest reading was taken (or its newest incident's last anomaly, without readings).</param>
public sealed record LocationStatus(
    string Location, BoardState State, BoardState Condition, IReadOnlyList<TurbineStatus> Turbines, IReadOnlyList<Incident> Incidents, DateTimeOffset LastReading)
{
    /// <summary>Whether it has had no reading for the silence setting.</summary>
    public bool IsSilent => State == BoardState.NoCommunication;

    /// <summary>Its turbines whose shown condition is a latched one.</summary>
    public IEnumerable<TurbineStatus> LatchedTurbines => Turbines.Where(t => t.IsLatched);

    /// <summary>Its turbines with an unacknowledged alarm, whether the wind is still that strong or has calmed (then also latched).</summary>
    public IEnumerable<TurbineStatus> AlarmedTurbines => Turbines.Where(t => t.Latched is not null);

    /// <summary>Its incidents that nobody has acknowledged.</summary>
    public IEnumerable<Incident> OpenIncidents => Incidents.Where(i => i.State == IncidentState.Open);

    /// <summary>Unacknowledged turbine alarms and open incidents: what an Operator's "Acknowledge" on the card takes.</summary>
    public int Unacknowledged => AlarmedTurbines.Count() + OpenIncidents.Count();
}
