using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>
/// Anomalous readings of one location close together in time: one notification per channel, one acknowledgement.
/// Its id comes from its first anomalous reading, so processing that reading again finds the same incident.
/// </summary>
public sealed record Incident
{
    /// <summary>The wind farm.</summary>
    public required string Location { get; init; }

    /// <summary>Unique within the location and sortable by time: <c>firstSeen#turbine#seq</c> of the first anomalous reading.</summary>
    public required string Id { get; init; }

    /// <summary>Open, acknowledged or resolved.</summary>
    public IncidentState State { get; init; } = IncidentState.Open;

    /// <summary>Turbine of the first anomalous reading.</summary>
    public required string Turbine { get; init; }

    /// <summary>Speed of the first anomalous reading, mph.</summary>
    public required double SpeedMph { get; init; }

    /// <summary>Score of the first anomalous reading.</summary>
    public required double Score { get; init; }

    /// <summary>Event time of the first anomalous reading.</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    /// <summary>Event time of the newest anomalous reading.</summary>
    public required DateTimeOffset LastSeen { get; init; }

    /// <summary>Highest speed among its anomalous readings.</summary>
    public required double MaxSpeedMph { get; init; }

    /// <summary>Highest score among its anomalous readings.</summary>
    public required double MaxScore { get; init; }

    /// <summary>Who acknowledged it, once someone has.</summary>
    public string? AcknowledgedBy { get; init; }

    /// <summary>When it was acknowledged.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>What the person who acknowledged it wrote, if anything.</summary>
    public string? AcknowledgeComment { get; init; }

    /// <summary>Who resolved it (<c>system</c> after the quiet period).</summary>
    public string? ResolvedBy { get; init; }

    /// <summary>When it was resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>What the person who resolved it wrote, if anything.</summary>
    public string? ResolveComment { get; init; }

    /// <summary>Warning (the anomaly rule) or critical (a reading above the shutdown speed).</summary>
    public IncidentSeverity Severity { get; init; } = IncidentSeverity.Warning;

    /// <summary>Wall-clock time it was raised: escalation and re-notification count from here (null for incidents stored before it was kept).</summary>
    public DateTimeOffset? RaisedAt { get; init; }

    /// <summary>The id of the silence that matched it when it was raised (it notifies no channel), or null.</summary>
    public string? SilencedBy { get; init; }

    /// <summary>When it was escalated (once at most), or null.</summary>
    public DateTimeOffset? EscalatedAt { get; init; }

    /// <summary>How many reminders it has had.</summary>
    public int Reminders { get; init; }

    /// <summary>When the last reminder went out, or null before the first.</summary>
    public DateTimeOffset? LastReminderAt { get; init; }

    /// <summary>What happened to it, oldest first: at most <see cref="MaxTimelineEvents"/> (the first and the newest are kept).</summary>
    public ImmutableList<IncidentEvent> Timeline { get; init; } = [];

    /// <summary>How many events were dropped from the middle of <see cref="Timeline"/> to keep it bounded.</summary>
    public int TimelineDropped { get; init; }

    /// <summary>Each channel's notifications, by delivery key (<see cref="DeliveryKeys"/>: the channel's name for the first one).</summary>
    public ImmutableSortedDictionary<string, ChannelDelivery> Deliveries { get; init; } = ImmutableSortedDictionary<string, ChannelDelivery>.Empty;

    /// <summary>Wall-clock time of the last change, for the quiet-period sweep of silent locations.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Incremented on every write; writes are conditional on it (optimistic concurrency).</summary>
    public long Version { get; init; }

    /// <summary>
    /// A stable, ASCII-only key of the incident (32 hex digits of a SHA-256 of location and id), for places that may not
    /// carry the location's own letters: an email's Message-Id, a webhook's Idempotency-Key header.
    /// </summary>
    public string DeliveryKey => KeyOf(null);

    /// <summary>
    /// The same kind of key for one of the incident's later notifications (<paramref name="notification"/>, for example
    /// "escalation"), or <see cref="DeliveryKey"/> for none: see <see cref="AlertMessage.DeliveryKey"/>.
    /// </summary>
    internal string KeyOf(string? notification) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(notification is null ? $"{Location}/{Id}" : $"{Location}/{Id}/{notification}")))[..32];

    /// <summary>True while the incident can still change state by itself or get notifications.</summary>
    public bool IsActive => State != IncidentState.Resolved;

    /// <summary>True when some channel may still deliver.</summary>
    public bool HasOutstandingDeliveries => Deliveries.Values.Any(d => d.IsOutstanding);

    /// <summary>The most events a timeline keeps.</summary>
    public const int MaxTimelineEvents = 200;

    /// <summary>True when a silence matched it: recorded, notified nowhere.</summary>
    public bool IsSilenced => SilencedBy is not null;

    /// <summary>When escalation and re-notification count from: <see cref="RaisedAt"/>, or the first reading's time for an older incident.</summary>
    public DateTimeOffset RaisedOrFirstSeen => RaisedAt ?? FirstSeen;

    /// <summary>The incident with <paramref name="entry"/> at the end of its timeline; beyond <see cref="MaxTimelineEvents"/> the oldest after the first is dropped (and counted).</summary>
    public Incident With(IncidentEvent entry)
    {
        var timeline = Timeline.Add(entry);
        var dropped = TimelineDropped;
        while (timeline.Count > MaxTimelineEvents)
        {
            timeline = timeline.RemoveAt(1);
            dropped++;
        }
        return this with { Timeline = timeline, TimelineDropped = dropped };
    }

    /// <summary>How many comments its timeline holds.</summary>
    public int CommentCount => Timeline.Count(e => e.Kind == IncidentEventKind.Commented);
}
