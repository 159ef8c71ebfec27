namespace TurbineConsole.Pipeline.Tables;

/// <summary>The key of one item: its partition key value and, for tables with a sort key, its sort key value.</summary>
public sealed record ItemKey(AttributeValue PartitionKey, AttributeValue? SortKey = null);
