using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Functions;

/// <summary>The lab's AnalyticsDestinationFunction: AnomalyDetectionStream results into WindDataTable.</summary>
public sealed class AnalyticsDestinationFunction(ITableStore tables, IDeadLetterStore deadLetters, string tableName, TimeProvider? timeProvider = null)
    : TableWritingFunction(tables, deadLetters, tableName, timeProvider)
{
    /// <inheritdoc />
    public override string Name => "AnalyticsDestinationFunction";

    /// <inheritdoc />
    protected override Item ToItem(ReadOnlyMemory<byte> data) => WindDataItem.From(AnomalyResultCodec.Decode(data));
}
