namespace TurbineConsole.Pipeline.Tables;

/// <summary>
/// The items of a query's whole range, read page by page up to a limit, for an order the sort key cannot give (by
/// score, by speed). DynamoDB orders a query only by its sort key, so such an order needs every item of the range;
/// the limit bounds what one request reads and holds, and <see cref="IsComplete"/> says whether the range held more.
/// </summary>
/// <param name="Items">The items read, in the query's sort-key order.</param>
/// <param name="IsComplete">False when the range holds more items than the limit: <paramref name="Items"/> are its first ones in the query's order.</param>
public sealed record ItemRange(IReadOnlyList<Item> Items, bool IsComplete)
{
    /// <summary>Most items one page of the read asks for.</summary>
    public const int PageSize = 1_000;

    /// <summary>
    /// Reads the range of <paramref name="query"/> (its <see cref="TableQuery.Limit"/> and start key are ignored) in
    /// its order, at most <paramref name="maxItems"/> items.
    /// </summary>
    public static async Task<ItemRange> ReadAsync(ITableStore store, string tableName, TableQuery query, int maxItems, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        var items = new List<Item>();
        ItemKey? start = null;
        do
        {
            // One item past the limit tells whether the range holds more.
            var limit = Math.Min(PageSize, maxItems + 1 - items.Count);
            var page = await store.QueryAsync(tableName, query with { ExclusiveStartKey = start, Limit = limit }, cancellationToken);
            items.AddRange(page.Items);
            start = page.LastEvaluatedKey;
        }
        while (start is not null && items.Count <= maxItems);
        return items.Count > maxItems ? new ItemRange(items.GetRange(0, maxItems), IsComplete: false) : new ItemRange(items, IsComplete: true);
    }
}
