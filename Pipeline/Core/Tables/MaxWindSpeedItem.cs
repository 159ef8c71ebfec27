using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Pipeline.Tables;

/// <summary>
/// How a closed window is stored in MaxWindSpeedTable: partition key <c>location</c>, sort key <c>windowStart</c>
/// (ISO 8601 UTC, so items sort by time); a re-emitted window rewrites its own item.
/// </summary>
public static class MaxWindSpeedItem
{
    /// <summary>Partition key attribute.</summary>
    public const string PartitionKey = "location";

    /// <summary>Sort key attribute.</summary>
    public const string SortKey = "windowStart";

    /// <summary>The table's key schema.</summary>
    public static TableSchema Schema(string tableName) =>
        new(tableName, new KeyAttribute(PartitionKey, AttributeType.String), new KeyAttribute(SortKey, AttributeType.String));

    /// <summary>The item for a window.</summary>
    public static Item From(MaxSpeedWindow window) => new()
    {
        [PartitionKey] = window.Location,
        [SortKey] = RecordTime.Format(window.WindowStart),
        ["windowEnd"] = RecordTime.Format(window.WindowEnd),
        ["maxSpeed"] = window.MaxSpeedMph,
        ["readings"] = (double)window.ReadingCount,
    };

    /// <summary>The window an item holds.</summary>
    public static MaxSpeedWindow ToWindow(Item item) => new(
        item.GetString(PartitionKey),
        item.GetNumber("maxSpeed"),
        RecordTime.Parse(item.GetString(SortKey), SortKey),
        RecordTime.Parse(item.GetString("windowEnd"), "windowEnd"),
        (long)item.GetNumber("readings"));
}
