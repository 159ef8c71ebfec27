using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Alerts;

/// <summary>How an incident is stored: partition key <c>location</c>, sort key <c>incidentId</c>, numbers as numbers.</summary>
public static class IncidentItem
{
    /// <summary>Partition key attribute.</summary>
    public const string PartitionKey = "location";

    /// <summary>Sort key attribute.</summary>
    public const string SortKey = "incidentId";

    private const string DeliveryPrefix = "delivery.";

    /// <summary>The timeline is one JSON attribute: a list of events, enums by name.</summary>
    private static readonly JsonSerializerOptions s_timelineJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The table's key schema.</summary>
    public static TableSchema Schema(string tableName) =>
        new(tableName, new KeyAttribute(PartitionKey, AttributeType.String), new KeyAttribute(SortKey, AttributeType.String));

    /// <summary>The id of an incident that starts with <paramref name="reading"/>.</summary>
    public static string IdOf(WindReading reading) => WindDataItem.EventId(reading);

    /// <summary>The incident's key.</summary>
    public static ItemKey KeyOf(string location, string id) => new(location, id);

    /// <summary>The item for an incident.</summary>
    public static Item From(Incident incident)
    {
        var item = new Item
        {
            [PartitionKey] = incident.Location,
            [SortKey] = incident.Id,
            ["state"] = incident.State.ToString(),
            ["turbine"] = incident.Turbine,
            ["speed"] = incident.SpeedMph,
            ["score"] = incident.Score,
            ["firstSeen"] = RecordTime.Format(incident.FirstSeen),
            ["lastSeen"] = RecordTime.Format(incident.LastSeen),
            ["maxSpeed"] = incident.MaxSpeedMph,
            ["maxScore"] = incident.MaxScore,
            ["updatedAt"] = RecordTime.Format(incident.UpdatedAt),
            ["version"] = (double)incident.Version,
        };
        if (incident.AcknowledgedBy is not null)
            item["acknowledgedBy"] = incident.AcknowledgedBy;
        if (incident.AcknowledgedAt is { } ackAt)
            item["acknowledgedAt"] = RecordTime.Format(ackAt);
        if (incident.AcknowledgeComment is not null)
            item["acknowledgeComment"] = incident.AcknowledgeComment;
        if (incident.ResolvedBy is not null)
            item["resolvedBy"] = incident.ResolvedBy;
        if (incident.ResolvedAt is { } resolvedAt)
            item["resolvedAt"] = RecordTime.Format(resolvedAt);
        if (incident.ResolveComment is not null)
            item["resolveComment"] = incident.ResolveComment;
        item["severity"] = incident.Severity.ToString();
        if (incident.RaisedAt is { } raisedAt)
            item["raisedAt"] = RecordTime.Format(raisedAt);
        if (incident.SilencedBy is not null)
            item["silencedBy"] = incident.SilencedBy;
        if (incident.EscalatedAt is { } escalatedAt)
            item["escalatedAt"] = RecordTime.Format(escalatedAt);
        if (incident.Reminders > 0)
            item["reminders"] = (double)incident.Reminders;
        if (incident.LastReminderAt is { } reminderAt)
            item["lastReminderAt"] = RecordTime.Format(reminderAt);
        if (incident.Timeline.Count > 0)
            item["timeline"] = JsonSerializer.Serialize(incident.Timeline, s_timelineJson);
        if (incident.TimelineDropped > 0)
            item["timelineDropped"] = (double)incident.TimelineDropped;
        foreach (var (channel, d) in incident.Deliveries)
        {
            item[DeliveryPrefix + channel + ".state"] = d.State.ToString();
            item[DeliveryPrefix + channel + ".attempts"] = (double)d.Attempts;
            if (d.LastError is not null)
                item[DeliveryPrefix + channel + ".error"] = d.LastError.Length > 1000 ? d.LastError[..1000] : d.LastError;
            if (d.At is { } at)
                item[DeliveryPrefix + channel + ".at"] = RecordTime.Format(at);
        }
        return item;
    }

    /// <summary>The incident an item holds.</summary>
    public static Incident ToIncident(Item item)
    {
        var deliveries = ImmutableSortedDictionary.CreateBuilder<string, ChannelDelivery>(StringComparer.Ordinal);
        foreach (var key in item.Keys.Where(k => k.StartsWith(DeliveryPrefix, StringComparison.Ordinal) && k.EndsWith(".state", StringComparison.Ordinal)))
        {
            var channel = key[DeliveryPrefix.Length..^".state".Length];
            var prefix = DeliveryPrefix + channel;
            deliveries[channel] = new ChannelDelivery(
                Enum.Parse<DeliveryState>(item.GetString(key)),
                (int)(item.GetNumberOrNull(prefix + ".attempts") ?? 0),
                item.GetStringOrNull(prefix + ".error"),
                Time(item, prefix + ".at"));
        }
        return new Incident
        {
            Location = item.GetString(PartitionKey),
            Id = item.GetString(SortKey),
            State = Enum.Parse<IncidentState>(item.GetString("state")),
            Turbine = item.GetString("turbine"),
            SpeedMph = item.GetNumber("speed"),
            Score = item.GetNumber("score"),
            FirstSeen = Time(item, "firstSeen")!.Value,
            LastSeen = Time(item, "lastSeen")!.Value,
            MaxSpeedMph = item.GetNumber("maxSpeed"),
            MaxScore = item.GetNumber("maxScore"),
            AcknowledgedBy = item.GetStringOrNull("acknowledgedBy"),
            AcknowledgedAt = Time(item, "acknowledgedAt"),
            ResolvedBy = item.GetStringOrNull("resolvedBy"),
            ResolvedAt = Time(item, "resolvedAt"),
            AcknowledgeComment = item.GetStringOrNull("acknowledgeComment"),
            ResolveComment = item.GetStringOrNull("resolveComment"),
            Deliveries = deliveries.ToImmutable(),
            Severity = item.GetStringOrNull("severity") is { } severity ? Enum.Parse<IncidentSeverity>(severity) : IncidentSeverity.Warning,
            RaisedAt = Time(item, "raisedAt"),
            SilencedBy = item.GetStringOrNull("silencedBy"),
            EscalatedAt = Time(item, "escalatedAt"),
            Reminders = (int)(item.GetNumberOrNull("reminders") ?? 0),
            LastReminderAt = Time(item, "lastReminderAt"),
            Timeline = item.GetStringOrNull("timeline") is { } timeline
                ? JsonSerializer.Deserialize<ImmutableList<IncidentEvent>>(timeline, s_timelineJson) ?? []
                : [],
            TimelineDropped = (int)(item.GetNumberOrNull("timelineDropped") ?? 0),
            UpdatedAt = Time(item, "updatedAt")!.Value,
            Version = (long)item.GetNumber("version"),
        };
    }

    private static DateTimeOffset? Time(Item item, string name) =>
        item.GetStringOrNull(name) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal) : null;
}
