using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Functions;

/// <summary>The lab's AnalyticsDestinationFunction: AnomalyDetectionStream results into WindDataTable, each expiring <paramref name="retention"/> after its event time (zero: never).</summary>
public sealed class AnalyticsDestinationFunction(ITableStore tables, IDeadLetterStore deadLetters, string tableName, TimeProvider? timeProvider = null,
    TimeSpan retention = default)
    : TableWritingFunction(tables, deadLetters, tableName, timeProvider)
{
    /// <inheritdoc />
    public override string Name => "AnalyticsDestinationFunction";

    /// <inheritdoc />
    protected override Item ToItem(ReadOnlyMemory<byte> data)
    {
        var result = AnomalyResultCodec.Decode(data);
        return WindDataItem.From(result).ExpiringAfter(result.Reading.Timestamp, retention);
    }
}
