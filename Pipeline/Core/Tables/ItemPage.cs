namespace TurbineConsole.Pipeline.Tables;

/// <summary>One page of a query or scan; <see cref="LastEvaluatedKey"/> is null on the last page.</summary>
public sealed record ItemPage(IReadOnlyList<Item> Items, ItemKey? LastEvaluatedKey);
