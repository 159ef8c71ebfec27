using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Functions;

/// <summary>The lab's DIYFunction: MaxWindSpeed stream windows into MaxWindSpeedTable.</summary>
public sealed class DIYFunction(ITableStore tables, IDeadLetterStore deadLetters, string tableName, TimeProvider? timeProvider = null)
    : TableWritingFunction(tables, deadLetters, tableName, timeProvider)
{
    /// <inheritdoc />
    public override string Name => "DIYFunction";

    /// <inheritdoc />
    protected override Item ToItem(ReadOnlyMemory<byte> data) => MaxWindSpeedItem.From(MaxSpeedWindowCodec.Decode(data));
}
