using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Functions;

/// <summary>The lab's DIYFunction: MaxWindSpeed stream windows into MaxWindSpeedTable, each expiring <paramref name="retention"/> after its start (zero: never).</summary>
public sealed class DIYFunction(ITableStore tables, IDeadLetterStore deadLetters, string tableName, TimeProvider? timeProvider = null,
    TimeSpan retention = default)
    : TableWritingFunction(tables, deadLetters, tableName, timeProvider)
{
    /// <inheritdoc />
    public override string Name => "DIYFunction";

    /// <inheritdoc />
    protected override Item ToItem(ReadOnlyMemory<byte> data)
    {
        var window = MaxSpeedWindowCodec.Decode(data);
        return MaxWindSpeedItem.From(window).ExpiringAfter(window.WindowStart, retention);
    }
}
