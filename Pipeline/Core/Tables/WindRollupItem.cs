using System.Globalization;
using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Pipeline.Tables;

/// <summary>
/// How a rollup is stored in WindRollupTable: partition key <c>series</c> = location and bucket width in seconds
/// (<c>Chicago|600</c>; a name cannot hold <c>|</c>), sort key <c>bucket</c> = bucket start and turbine
/// (<c>2026-11-30T12:00:00.000Z#CHI-07</c>), with <c>|</c> and the part for readings that came after their bucket had
/// closed. So one query reads a location's buckets of one width over a time range, in time order, retention deletes by
/// the time the sort key begins with, and a replayed rollup rewrites its own item. Numbers are numbers.
/// </summary>
public static class WindRollupItem
{
    /// <summary>Partition key attribute.</summary>
    public const string PartitionKey = "series";

    /// <summary>Sort key attribute.</summary>
    public const string SortKey = "bucket";

    /// <summary>The table's key schema.</summary>
    public static TableSchema Schema(string tableName) =>
        new(tableName, new KeyAttribute(PartitionKey, AttributeType.String), new KeyAttribute(SortKey, AttributeType.String));

    /// <summary>The partition of a location's buckets of <paramref name="width"/>.</summary>
    public static string Series(string location, TimeSpan width) =>
        string.Create(CultureInfo.InvariantCulture, $"{location}|{(long)width.TotalSeconds}");

    /// <summary>The lowest sort key of buckets starting at or after <paramref name="time"/>.</summary>
    public static string SortKeyFrom(DateTimeOffset time) => RecordTime.Format(time);

    /// <summary>The highest sort key of buckets starting before <paramref name="time"/> (a bucket starting at it sorts after).</summary>
    public static string SortKeyBefore(DateTimeOffset time) => RecordTime.Format(time);

    /// <summary>The item for a rollup.</summary>
    public static Item From(WindRollup rollup)
    {
        var start = RecordTime.Format(rollup.Start);
        var peak = rollup.Peak;
        var item = new Item
        {
            [PartitionKey] = Series(rollup.Location, rollup.Width),
            [SortKey] = rollup.Part is { } part ? $"{start}#{rollup.Turbine}|{part}" : $"{start}#{rollup.Turbine}",
            ["location"] = rollup.Location,
            ["turbine"] = rollup.Turbine,
            ["start"] = start,
            ["widthSeconds"] = rollup.Width.TotalSeconds,
            ["readings"] = (double)rollup.Readings,
            ["maxSpeed"] = rollup.MaxSpeedMph,
            ["peakTimestamp"] = RecordTime.Format(peak.Reading.Timestamp),
            ["peakSeq"] = (double)peak.Reading.Seq,
            ["peakSpeed"] = peak.Reading.SpeedMph,
            ["peakScore"] = peak.Score,
            ["peakGrade"] = peak.Grade,
            ["peakDataset"] = peak.Reading.Dataset,
        };
        if (rollup.Part is { } p)
            item["part"] = p;
        if (peak.ExpectedSpeedMph is { } expected)
            item["peakExpectedSpeed"] = expected;
        if (peak.Attribution is { } attribution)
        {
            item["peakAttributionHigh"] = attribution.High;
            item["peakAttributionLow"] = attribution.Low;
        }
        return item;
    }

    /// <summary>The rollup an item holds.</summary>
    public static WindRollup ToRollup(Item item)
    {
        var location = item.GetString("location");
        var turbine = item.GetString("turbine");
        var peak = new AnomalyResult(
            new WindReading(location, turbine, item.GetNumber("peakSpeed"), RecordTime.Parse(item.GetString("peakTimestamp"), "peakTimestamp"),
                (long)item.GetNumber("peakSeq"), item.GetStringOrNull("peakDataset") ?? "unknown"),
            item.GetNumber("peakScore"),
            item.GetNumber("peakGrade"),
            item.GetNumberOrNull("peakExpectedSpeed"))
        {
            Attribution = item.GetNumberOrNull("peakAttributionHigh") is { } high && item.GetNumberOrNull("peakAttributionLow") is { } low ? new SpeedAttribution(high, low) : null,
        };
        return new WindRollup(location, turbine, RecordTime.Parse(item.GetString("start"), "start"), TimeSpan.FromSeconds(item.GetNumber("widthSeconds")),
            (long)item.GetNumber("readings"), item.GetNumber("maxSpeed"), peak, item.GetStringOrNull("part"));
    }
}
