namespace TurbineConsole.Pipeline.Tables;

/// <summary>
/// A query on one partition: items whose sort key lies in [<see cref="SortKeyFrom"/>, <see cref="SortKeyTo"/>]
/// (either bound optional, both inclusive, as DynamoDB's BETWEEN / &gt;= / &lt;=), in sort-key order.
/// </summary>
public sealed record TableQuery(AttributeValue PartitionKey)
{
    /// <summary>Lowest sort key to include, or null for no lower bound.</summary>
    public AttributeValue? SortKeyFrom { get; init; }

    /// <summary>Highest sort key to include, or null for no upper bound.</summary>
    public AttributeValue? SortKeyTo { get; init; }

    /// <summary>True for ascending sort-key order (ScanIndexForward), false for newest first.</summary>
    public bool Ascending { get; init; } = true;

    /// <summary>Most items in one page.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Where to continue: the <see cref="ItemPage.LastEvaluatedKey"/> of the previous page.</summary>
    public ItemKey? ExclusiveStartKey { get; init; }
}
