namespace TurbineConsole.Pipeline.Tables;

/// <summary>
/// The table port: the subset of DynamoDB that the functions, the alerts and the dashboard use, with DynamoDB
/// semantics (partition key + optional sort key, numbers stored and compared as numbers, conditional writes,
/// key-range queries, paged scans and deletes). Adapters: <c>Embedded.SqliteTableStore</c> (one SQLite file) and
/// <c>Aws.DynamoDbTableStore</c> (DynamoDB, or a server that speaks its protocol). Both check requests against
/// <see cref="DynamoDbRules"/>.
/// </summary>
public interface ITableStore
{
    /// <summary>Creates a table; throws <see cref="TableInUseException"/> if it exists.</summary>
    Task CreateTableAsync(TableSchema schema, CancellationToken cancellationToken = default);

    /// <summary>The table's schema, or null when there is no such table.</summary>
    Task<TableSchema?> DescribeTableAsync(string tableName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes an item, replacing any item with the same key. With a condition, the write happens only if the
    /// condition holds on the stored item; otherwise <see cref="ConditionalCheckFailedException"/>.
    /// Throws <see cref="TableNotFoundException"/> for a missing table and <see cref="TableValidationException"/>
    /// for an item without its key attributes or with key attributes of the wrong type.
    /// </summary>
    Task PutItemAsync(string tableName, Item item, PutCondition? condition = null, CancellationToken cancellationToken = default);

    /// <summary>Writes several items, each as <see cref="PutItemAsync"/> without a condition (BatchWriteItem).</summary>
    Task PutItemsAsync(string tableName, IReadOnlyList<Item> items, CancellationToken cancellationToken = default);

    /// <summary>The item with this key, or null.</summary>
    Task<Item?> GetItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default);

    /// <summary>Deletes the item with this key; deleting an item that does not exist does nothing (DeleteItem).</summary>
    Task DeleteItemAsync(string tableName, ItemKey key, CancellationToken cancellationToken = default);

    /// <summary>Items of one partition, optionally within a sort-key range, in sort-key order, one page at a time.</summary>
    Task<ItemPage> QueryAsync(string tableName, TableQuery query, CancellationToken cancellationToken = default);

    /// <summary>All items of a table, one page at a time (at most <paramref name="limit"/> items per page).</summary>
    Task<ItemPage> ScanAsync(string tableName, int limit = 100, ItemKey? exclusiveStartKey = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes at most <paramref name="limit"/> items whose (string) sort key sorts before <paramref name="sortKeyBefore"/>,
    /// partition by partition; returns how many it deleted (fewer than <paramref name="limit"/>: none are left). For
    /// retention: the pipeline's tables have sort keys that begin with a time.
    /// </summary>
    Task<int> DeleteItemsBeforeAsync(string tableName, string sortKeyBefore, int limit, CancellationToken cancellationToken = default);
}
