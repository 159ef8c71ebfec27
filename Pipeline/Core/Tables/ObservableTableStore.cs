namespace TurbineConsole.Pipeline.Tables;

/// <summary>
/// A table store that tells, in process, what was written: after a put succeeds on the inner store it raises
/// <see cref="ItemsWritten"/> with the table and the items, as DynamoDB Streams would (new images only). The
/// dashboard and the SignalR hub follow the tables through it, so they show what landed, not what was sent.
/// </summary>
public sealed class ObservableTableStore(ITableStore inner) : ITableStore
{
    /// <summary>The store written to.</summary>
    public ITableStore Inner { get; } = inner;

    /// <summary>
    /// Raised on the writer's thread after a write succeeded, with the table name and the items written. A handler
    /// must be quick and must not throw (an exception is caught and dropped so that it cannot fail the write).
    /// </summary>
    public event Action<string, IReadOnlyList<Item>>? ItemsWritten;

    /// <summary>
    /// Raises <see cref="ItemsWritten"/> for items another process wrote: a cluster worker's results, relayed to a web
    /// process, reach the dashboard as if they had been written here.
    /// </summary>
    public void Announce(string tableName, IReadOnlyList<Item> items) => Raise(tableName, items);

    /// <inheritdoc />
    public Task CreateTableAsync(TableSchema schema, CancellationToken cancellationToken = default) => Inner.CreateTableAsync(schema, cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteItemsBeforeAsync(string tableName, string sortKeyBefore, int limit, CancellationToken cancellationToken = default) =>
        Inner.DeleteItemsBeforeAsync(tableName, sortKeyBefore, limit, cancellationToken);

    /// <inheritdoc />
    public Task<TableSchema?> DescribeTableAsync(string tableName, CancellationToken cancellationToken = default) => Inner.DescribeTableAsync(tableName, cancellationToken);

    /// <inheritdoc />
    public async Task PutItemAsync(string tableName, Item item, PutCondition? condition = null, CancellationToken cancellationToken = default)
    {
        await Inner.PutItemAsync(tableName, item, condition, cancellationToken);
        Raise(tableName, [item]);
    }

    /// <inheritdoc />
    public async Task PutItemsAsync(string tableName, IReadOnlyList<Item> items, CancellationToken cancellationToken = default)
    {
        await Inner.PutItemsAsync(tableName, items, cancellationToken);
        Raise(tableName, items);
    }

    /// <inheritdoc />
    public Task<Item?> GetItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default) => Inner.GetItemAsync(tableName, key, cancellationToken);

    /// <inheritdoc />
    public Task DeleteItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default) => Inner.DeleteItemAsync(tableName, key, cancellationToken);

    /// <inheritdoc />
    public Task<ItemPage> QueryAsync(string tableName, TableQuery query, CancellationToken cancellationToken = default) => Inner.QueryAsync(tableName, query, cancellationToken);

    /// <inheritdoc />
    public Task<ItemPage> ScanAsync(string tableName, int limit = 100, ItemKey? exclusiveStartKey = null, CancellationToken cancellationToken = default) =>
        Inner.ScanAsync(tableName, limit, exclusiveStartKey, cancellationToken);

    private void Raise(string tableName, IReadOnlyList<Item> items)
    {
        if (items.Count == 0 || ItemsWritten is not { } handlers)
            return;
        foreach (var handler in handlers.GetInvocationList().Cast<Action<string, IReadOnlyList<Item>>>())
        {
            try
            {
                handler(tableName, items);
            }
            catch (Exception)
            {
                // The write has succeeded; a failing listener must not turn it into a failure and a replay.
            }
        }
    }
}
