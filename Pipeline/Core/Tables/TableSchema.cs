namespace TurbineConsole.Pipeline.Tables;

/// <summary>A table's name and key schema: a partition key and an optional sort key.</summary>
public sealed record TableSchema(string TableName, KeyAttribute PartitionKey, KeyAttribute? SortKey = null);
