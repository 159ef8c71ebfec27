using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// What the dashboard knows, fed from history, from the feed and from the alerts: the latest reading of every turbine
/// with its latched alarm, the active incidents of every location (the status board), and the newest anomalies by the
/// alert rule (<see cref="AnomalyRule"/>). Bounded: one entry per turbine, <see cref="MaxAnomalies"/> anomalies of each
/// kind, <see cref="MaxIncidents"/> incidents. Thread-safe.
/// </summary>
/// <remarks>
/// Latching, as a control room expects: a turbine's worst reading from cut-out on (<see cref="LatchFrom"/>) is an alarm,
/// kept (and shown) until it is acknowledged, however fast the wind calms. High wind is a warning, shown while it lasts:
/// ordinary wind reaches it now and then, and latching it would bury the real alarms. An alarm is acknowledged in one of two ways:
/// <list type="bullet">
/// <item>its incident is acknowledged or resolved: every alarm of the incident's location from a reading taken between
/// the incident's first and last anomaly is cleared (the alert list's Acknowledge, or the card's);</item>
/// <item>an Operator acknowledges the card (<see cref="LatchAcknowledgements"/>): every alarm of the location from a
/// reading taken up to the newest one the card showed is cleared. This is the only way to clear a spike that raised no
/// incident (its score below the alert rule, or slower than the alerts' minimum speed).</item>
/// </list>
/// A reading that an acknowledgement already covers does not latch again when it arrives late or is read back.
/// </remarks>
/// <param name="rule">What counts as an anomaly and what raises an alert.</param>
public sealed class DashboardState(AnomalyRule rule)
{
    /// <summary>Most anomalies kept of each kind (raising an alert; below the alerts' minimum speed), newest first.</summary>
    public const int MaxAnomalies = 25;

    /// <summary>The least condition that latches as an alarm.</summary>
    public const TurbineCondition LatchFrom = TurbineCondition.CutOut;

    /// <summary>Most incidents kept; the oldest resolved ones go first.</summary>
    public const int MaxIncidents = 500;

    private readonly object _gate = new();
    private readonly SortedDictionary<string, SortedDictionary<string, TurbineStatus>> _board = new(StringComparer.Ordinal);
    private readonly List<AnomalyResult> _anomalies = [];
    private readonly List<AnomalyResult> _quietAnomalies = [];
    private readonly Dictionary<(string Location, string Id), Incident> _incidents = [];
    private readonly Dictionary<string, DateTimeOffset> _acknowledgedUpTo = new(StringComparer.Ordinal);

    /// <summary>Locations on the board (with readings or an active incident), sorted.</summary>
    public IReadOnlyList<string> Locations
    {
        get
        {
            lock (_gate)
                return LocationsLocked().ToList();
        }
    }

    /// <summary>The turbines of a location, sorted by id.</summary>
    public IReadOnlyList<TurbineStatus> TurbinesOf(string location)
    {
        lock (_gate)
            return _board.TryGetValue(location, out var turbines) ? turbines.Values.ToList() : [];
    }

    /// <summary>What counts as an anomaly here.</summary>
    public AnomalyRule Rule => rule;

    /// <summary>The newest anomalies that raise an alert (<see cref="AnomalyRule.RaisesAlert"/>, the alert function's own rule), newest first.</summary>
    public IReadOnlyList<AnomalyResult> NewestAnomalies
    {
        get
        {
            lock (_gate)
                return _anomalies.ToList();
        }
    }

    /// <summary>
    /// The newest anomalies by score (or grade) that raise no alert because they are slower than the alerts' minimum
    /// speed (<see cref="AnomalyRule.MinSpeedMph"/>), newest first; always empty when that minimum is 0.
    /// </summary>
    public IReadOnlyList<AnomalyResult> NewestAnomaliesBelowAlertSpeed
    {
        get
        {
            lock (_gate)
                return _quietAnomalies.ToList();
        }
    }

    /// <summary>Takes in scored readings (any order): newer readings replace a turbine's status, alarms latch, anomalies are kept.</summary>
    public void Apply(IEnumerable<AnomalyResult> results)
    {
        lock (_gate)
        {
            var anomaliesChanged = false;
            foreach (var result in results)
            {
                var r = result.Reading;
                if (!_board.TryGetValue(r.Location, out var turbines))
                    _board[r.Location] = turbines = new SortedDictionary<string, TurbineStatus>(StringComparer.Ordinal);
                turbines.TryGetValue(r.Turbine, out var current);
                var latched = Latch(current?.Latched, result);
                if (current is null || current.Timestamp <= r.Timestamp)
                    turbines[r.Turbine] = new TurbineStatus(r.Location, r.Turbine, r.SpeedMph, result.Score, r.Timestamp) { Latched = latched };
                else if (latched != current.Latched)
                    turbines[r.Turbine] = current with { Latched = latched };
                if (rule.IsAnomaly(result))
                {
                    var list = rule.RaisesAlert(result) ? _anomalies : _quietAnomalies;
                    if (!list.Any(a => a.Reading == r))
                    {
                        list.Add(result);
                        anomaliesChanged = true;
                    }
                }
            }
            if (anomaliesChanged)
            {
                Trim(_anomalies);
                Trim(_quietAnomalies);
            }
        }
    }

    /// <summary>
    /// Takes in incidents (from the alert list at start, then every change): active ones show on their location's card;
    /// acknowledged and resolved ones clear the latched alarms they cover.
    /// </summary>
    public void ApplyIncidents(IEnumerable<Incident> incidents)
    {
        lock (_gate)
        {
            foreach (var incident in incidents)
            {
                var key = (incident.Location, incident.Id);
                if (_incidents.TryGetValue(key, out var known) && known.Version > incident.Version)
                    continue;
                _incidents[key] = incident;
                if (incident.State != IncidentState.Open)
                    ClearLatches(incident.Location, alarm => Covers(incident, alarm.At));
            }
            if (_incidents.Count > MaxIncidents)
            {
                foreach (var old in _incidents.Values.OrderBy(i => i.IsActive).ThenBy(i => i.LastSeen).Take(_incidents.Count - MaxIncidents).ToList())
                    _incidents.Remove((old.Location, old.Id));
            }
        }
    }

    /// <summary>Clears the latched alarms of <paramref name="acknowledgement"/>'s location up to its time, and keeps later arrivals up to then from latching.</summary>
    public void Acknowledge(LatchAcknowledgement acknowledgement)
    {
        lock (_gate)
        {
            if (!_acknowledgedUpTo.TryGetValue(acknowledgement.Location, out var upTo) || upTo < acknowledgement.UpTo)
                _acknowledgedUpTo[acknowledgement.Location] = acknowledgement.UpTo;
            ClearLatches(acknowledgement.Location, alarm => alarm.At <= acknowledgement.UpTo);
        }
    }

    /// <summary>
    /// Every location's card at <paramref name="now"/>: silent (no communication) when its newest reading is older than
    /// <paramref name="silenceAfter"/>, otherwise its worst shown condition, and at least <see cref="BoardState.Alert"/>
    /// while it has an active incident.
    /// </summary>
    public IReadOnlyList<LocationStatus> Board(DateTimeOffset now, TimeSpan silenceAfter)
    {
        lock (_gate)
        {
            var active = _incidents.Values.Where(i => i.IsActive).ToLookup(i => i.Location, StringComparer.Ordinal);
            return LocationsLocked().Select(location =>
            {
                IReadOnlyList<TurbineStatus> turbines = _board.TryGetValue(location, out var t) ? t.Values.ToList() : [];
                var incidents = active[location].OrderByDescending(i => i.FirstSeen).ToList();
                var condition = turbines.Count == 0 ? BoardState.Normal : BoardStates.Of(turbines.Max(s => s.Shown));
                if (incidents.Count > 0 && condition < BoardState.Alert)
                    condition = BoardState.Alert;
                var last = turbines.Count > 0 ? turbines.Max(s => s.Timestamp) : incidents.Max(i => i.LastSeen);
                var state = now - last >= silenceAfter ? BoardState.NoCommunication : condition;
                return new LocationStatus(location, state, condition, turbines, incidents, last);
            }).ToList();
        }
    }

    /// <summary>
    /// The location the dashboard opens on: the most severe card (<see cref="BoardState"/> order, so a silent one only
    /// when all are), then the one heard from most recently, then by name; null when the board is empty.
    /// </summary>
    public static string? MostSevere(IReadOnlyList<LocationStatus> board) =>
        board.OrderByDescending(s => s.State).ThenByDescending(s => s.LastReading).ThenBy(s => s.Location, StringComparer.Ordinal).FirstOrDefault()?.Location;

    private IEnumerable<string> LocationsLocked() =>
        _board.Keys.Union(_incidents.Values.Where(i => i.IsActive).Select(i => i.Location), StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>The latch after <paramref name="result"/>: it, when it is an alarm (<see cref="LatchFrom"/> or worse), unacknowledged and at least as bad as the current latch.</summary>
    private TurbineAlarm? Latch(TurbineAlarm? current, AnomalyResult result)
    {
        var r = result.Reading;
        var condition = TurbineConditions.Of(r.SpeedMph);
        if (condition < LatchFrom || (current is not null && current.Condition > condition) || IsAcknowledged(r.Location, r.Timestamp))
            return current;
        return current is not null && current.Condition == condition && current.At >= r.Timestamp
            ? current
            : new TurbineAlarm(condition, r.SpeedMph, result.Score, r.Timestamp);
    }

    private bool IsAcknowledged(string location, DateTimeOffset at) =>
        (_acknowledgedUpTo.TryGetValue(location, out var upTo) && at <= upTo)
        || _incidents.Values.Any(i => i.Location == location && i.State != IncidentState.Open && Covers(i, at));

    private static bool Covers(Incident incident, DateTimeOffset at) => incident.FirstSeen <= at && at <= incident.LastSeen;

    private void ClearLatches(string location, Func<TurbineAlarm, bool> acknowledged)
    {
        if (!_board.TryGetValue(location, out var turbines))
            return;
        foreach (var (id, status) in turbines.ToList())
        {
            if (status.Latched is { } alarm && acknowledged(alarm))
                turbines[id] = status with { Latched = null };
        }
    }

    private static void Trim(List<AnomalyResult> anomalies)
    {
        anomalies.Sort((a, b) => b.Reading.Timestamp.CompareTo(a.Reading.Timestamp));
        if (anomalies.Count > MaxAnomalies)
            anomalies.RemoveRange(MaxAnomalies, anomalies.Count - MaxAnomalies);
    }
}
