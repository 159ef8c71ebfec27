using System.Diagnostics;
using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Benchmarks.Pipeline;

/// <summary>A table store that tells, for every item, when its write completed (and so became readable).</summary>
internal sealed class TimedTableStore(ITableStore inner) : ITableStore
{
    private long _windDataItems;
    private long _windows;

    /// <summary>Raised after a write completes: table, item, Stopwatch timestamp.</summary>
    public event Action<string, Item, long>? ItemWritten;

    /// <summary>Items written to tables keyed by <c>eventId</c> (WindDataTable).</summary>
    public long WindDataItemsWritten => Interlocked.Read(ref _windDataItems);

    /// <summary>Items written to tables keyed by <c>windowStart</c> (MaxWindSpeedTable).</summary>
    public long WindowsWritten => Interlocked.Read(ref _windows);

    public Task CreateTableAsync(TableSchema schema, CancellationToken cancellationToken = default) => inner.CreateTableAsync(schema, cancellationToken);

    public Task<TableSchema?> DescribeTableAsync(string tableName, CancellationToken cancellationToken = default) => inner.DescribeTableAsync(tableName, cancellationToken);

    public async Task PutItemAsync(string tableName, Item item, PutCondition? condition = null, CancellationToken cancellationToken = default)
    {
        await inner.PutItemAsync(tableName, item, condition, cancellationToken);
        Written(tableName, [item]);
    }

    public async Task PutItemsAsync(string tableName, IReadOnlyList<Item> items, CancellationToken cancellationToken = default)
    {
        await inner.PutItemsAsync(tableName, items, cancellationToken);
        Written(tableName, items);
    }

    public Task<Item?> GetItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default) => inner.GetItemAsync(tableName, key, cancellationToken);

    public Task<ItemPage> QueryAsync(string tableName, TableQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(tableName, query, cancellationToken);

    public Task<ItemPage> ScanAsync(string tableName, int limit = 100, ItemKey? exclusiveStartKey = null, CancellationToken cancellationToken = default) =>
        inner.ScanAsync(tableName, limit, exclusiveStartKey, cancellationToken);

    private void Written(string tableName, IReadOnlyList<Item> items)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var item in items)
        {
            if (item.ContainsKey(WindDataItem.SortKey))
                Interlocked.Increment(ref _windDataItems);
            else if (item.ContainsKey(MaxWindSpeedItem.SortKey))
                Interlocked.Increment(ref _windows);
            ItemWritten?.Invoke(tableName, item, now);
        }
    }
}
