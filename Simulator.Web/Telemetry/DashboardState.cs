using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// What the dashboard knows, fed from history and from the feed: the latest reading of every turbine (the status
/// board) and the newest anomalies by the alert rule's criterion and threshold (<see cref="AnomalyRule.IsAnomaly"/>).
/// Bounded: one entry per turbine, <see cref="MaxAnomalies"/> anomalies. Thread-safe.
/// </summary>
/// <param name="rule">What counts as an anomaly.</param>
public sealed class DashboardState(AnomalyRule rule)
{
    /// <summary>Most anomalies kept, newest first.</summary>
    public const int MaxAnomalies = 25;

    private readonly object _gate = new();
    private readonly SortedDictionary<string, SortedDictionary<string, TurbineStatus>> _board = new(StringComparer.Ordinal);
    private readonly List<AnomalyResult> _anomalies = [];

    /// <summary>Locations on the board, sorted.</summary>
    public IReadOnlyList<string> Locations
    {
        get
        {
            lock (_gate)
                return _board.Keys.ToList();
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

    /// <summary>The newest anomalies (by <see cref="Rule"/>), newest first.</summary>
    public IReadOnlyList<AnomalyResult> NewestAnomalies
    {
        get
        {
            lock (_gate)
                return _anomalies.ToList();
        }
    }

    /// <summary>Takes in scored readings (any order): newer readings replace a turbine's status; anomalies are kept.</summary>
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
                if (!turbines.TryGetValue(r.Turbine, out var current) || current.Timestamp <= r.Timestamp)
                    turbines[r.Turbine] = new TurbineStatus(r.Location, r.Turbine, r.SpeedMph, result.Score, r.Timestamp);
                if (rule.IsAnomaly(result) && !_anomalies.Any(a => a.Reading == r))
                {
                    _anomalies.Add(result);
                    anomaliesChanged = true;
                }
            }
            if (anomaliesChanged)
            {
                _anomalies.Sort((a, b) => b.Reading.Timestamp.CompareTo(a.Reading.Timestamp));
                if (_anomalies.Count > MaxAnomalies)
                    _anomalies.RemoveRange(MaxAnomalies, _anomalies.Count - MaxAnomalies);
            }
        }
    }
}
