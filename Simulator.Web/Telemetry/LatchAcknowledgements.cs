namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// The acknowledgements of latched alarms made on the status board, shared by every dashboard of the web process so
/// that one operator's acknowledgement clears the card on every screen. A latched alarm that belongs to an incident is
/// also cleared when the incident is acknowledged or resolved (<see cref="DashboardState.ApplyIncidents"/>); these are
/// the ones that no incident covers, such as a spike whose score stays below the alert rule. Kept in memory: after a
/// restart, spikes read back from the tables latch again (the audit log keeps who acknowledged what). Thread-safe.
/// </summary>
public sealed class LatchAcknowledgements
{
    private readonly object _gate = new();
    private readonly Dictionary<string, LatchAcknowledgement> _latest = new(StringComparer.Ordinal);

    /// <summary>Raised after an acknowledgement was recorded (on the recording thread).</summary>
    public event Action<LatchAcknowledgement>? Recorded;

    /// <summary>The newest acknowledgement of every location that has one.</summary>
    public IReadOnlyList<LatchAcknowledgement> All
    {
        get
        {
            lock (_gate)
                return _latest.Values.ToList();
        }
    }

    /// <summary>Records <paramref name="acknowledgement"/>; an older one of the same location is kept when it reaches further.</summary>
    public void Record(LatchAcknowledgement acknowledgement)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        lock (_gate)
        {
            if (!_latest.TryGetValue(acknowledgement.Location, out var current) || current.UpTo < acknowledgement.UpTo)
                _latest[acknowledgement.Location] = acknowledgement;
        }
        Recorded?.Invoke(acknowledgement);
    }
}
