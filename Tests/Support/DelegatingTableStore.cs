using TurbineConsole.Pipeline.Tables;

namespace TurbineConsole.Tests.Support;

/// <summary>A table store that passes every call to another; tests override the calls they watch or break.</summary>
internal abstract class DelegatingTableStore(ITableStore inner) : ITableStore
{
    public virtual Task CreateTableAsync(TableSchema schema, CancellationToken cancellationToken = default) =>
        inner.CreateTableAsync(schema, cancellationToken);

    public virtual Task<TableSchema?> DescribeTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        inner.DescribeTableAsync(tableName, cancellationToken);

    public virtual Task PutItemAsync(string tableName, Item item, PutCondition? condition = null, CancellationToken cancellationToken = default) =>
        inner.PutItemAsync(tableName, item, condition, cancellationToken);

    public virtual Task PutItemsAsync(string tableName, IReadOnlyList<Item> items, CancellationToken cancellationToken = default) =>
        inner.PutItemsAsync(tableName, items, cancellationToken);

    public virtual Task<Item?> GetItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default) =>
        inner.GetItemAsync(tableName, key, cancellationToken);

    public virtual Task DeleteItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default) =>
        inner.DeleteItemAsync(tableName, key, cancellationToken);

    public virtual Task<ItemPage> QueryAsync(string tableName, TableQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(tableName, query, cancellationToken);

    public virtual Task<int> DeleteItemsBeforeAsync(string tableName, string sortKeyBefore, int limit, CancellationToken cancellationToken = default) =>
        inner.DeleteItemsBeforeAsync(tableName, sortKeyBefore, limit, cancellationToken);

    public virtual Task<ItemPage> ScanAsync(string tableName, int limit = 100, ItemKey? exclusiveStartKey = null, CancellationToken cancellationToken = default) =>
        inner.ScanAsync(tableName, limit, exclusiveStartKey, cancellationToken);
}
