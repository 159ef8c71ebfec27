using TurbineConsole.Pipeline.DeadLetters;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Pipeline.Functions;

/// <summary>WindRollupStream rollups into WindRollupTable, each expiring <paramref name="retention"/> after its bucket's start (zero: never); a replayed rollup rewrites its own item.</summary>
public sealed class RollupDestinationFunction(ITableStore tables, IDeadLetterStore deadLetters, string tableName, TimeProvider? timeProvider = null,
    TimeSpan retention = default)
    : TableWritingFunction(tables, deadLetters, tableName, timeProvider)
{
    /// <inheritdoc />
    public override string Name => "RollupDestinationFunction";

    /// <inheritdoc />
    protected override Item ToItem(ReadOnlyMemory<byte> data)
    {
        var rollup = WindRollupCodec.Decode(data);
        return WindRollupItem.From(rollup).ExpiringAfter(rollup.Start, retention);
    }
}
