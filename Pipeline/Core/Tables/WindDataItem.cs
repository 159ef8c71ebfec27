using System.Globalization;
using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Pipeline.Tables;

/// <summary>
/// How a scored reading is stored in WindDataTable: partition key <c>location</c>, sort key <c>eventId</c> =
/// event time, turbine and seq (<c>2026-11-30T12:00:00.123Z#CHI-07#000000001042</c>), so items sort by time,
/// can be queried by location and time range, and a replayed reading rewrites its own item. Numbers are numbers.
/// </summary>
public static class WindDataItem
{
    /// <summary>Partition key attribute.</summary>
    public const string PartitionKey = "location";

    /// <summary>Sort key attribute.</summary>
    public const string SortKey = "eventId";

    /// <summary>The table's key schema.</summary>
    public static TableSchema Schema(string tableName) =>
        new(tableName, new KeyAttribute(PartitionKey, AttributeType.String), new KeyAttribute(SortKey, AttributeType.String));

    /// <summary>The sort key of a reading.</summary>
    public static string EventId(WindReading reading) => EventId(reading, RecordTime.Format(reading.Timestamp));

    private static string EventId(WindReading reading, string time) =>
        string.Create(CultureInfo.InvariantCulture, $"{time}#{reading.Turbine}#{reading.Seq:D12}");

    /// <summary>The lowest sort key at or after <paramref name="time"/>, for time-range queries.</summary>
    public static string SortKeyFrom(DateTimeOffset time) => RecordTime.Format(time);

    /// <summary>The highest sort key at or before <paramref name="time"/> (same millisecond included), for time-range queries.</summary>
    public static string SortKeyTo(DateTimeOffset time) => RecordTime.Format(time) + "#\uffff";

    /// <summary>The item for a result.</summary>
    public static Item From(AnomalyResult result)
    {
        var r = result.Reading;
        var time = RecordTime.Format(r.Timestamp);
        var item = new Item
        {
            [PartitionKey] = r.Location,
            [SortKey] = EventId(r, time),
            ["turbine"] = r.Turbine,
            ["speed"] = r.SpeedMph,
            ["score"] = result.Score,
            ["grade"] = result.Grade,
            ["timestamp"] = time,
            ["seq"] = (double)r.Seq,
            ["dataset"] = r.Dataset,
        };
        if (result.ExpectedSpeedMph is { } expected)
            item["expectedSpeed"] = expected;
        if (result.Attribution is { } attribution)
        {
            item["attributionHigh"] = attribution.High;
            item["attributionLow"] = attribution.Low;
        }
        return item;
    }

    /// <summary>The result an item holds.</summary>
    public static AnomalyResult ToResult(Item item) => new(
        new WindReading(
            item.GetString(PartitionKey),
            item.GetString("turbine"),
            item.GetNumber("speed"),
            RecordTime.Parse(item.GetString("timestamp"), "timestamp"),
            (long)item.GetNumber("seq"),
            item.GetStringOrNull("dataset") ?? "unknown"),
        item.GetNumber("score"),
        item.GetNumberOrNull("grade") ?? 0,
        item.GetNumberOrNull("expectedSpeed"))
    {
        Attribution = item.GetNumberOrNull("attributionHigh") is { } high && item.GetNumberOrNull("attributionLow") is { } low ? new SpeedAttribution(high, low) : null,
    };
}
