namespace TurbineConsole.Pipeline.Tables;

/// <summary>
/// A condition on a conditional put: either "no item with this key exists" (attribute_not_exists on the key),
/// or "the stored item's attribute equals this value" (optimistic concurrency on a version or state field).
/// </summary>
public sealed record PutCondition
{
    private PutCondition() { }

    /// <summary>When set, the stored item's attribute of this name must equal <see cref="ExpectedValue"/>.</summary>
    public string? AttributeName { get; private init; }

    /// <summary>The value <see cref="AttributeName"/> must hold.</summary>
    public AttributeValue ExpectedValue { get; private init; }

    /// <summary>True for "no item with this key exists yet".</summary>
    public bool ItemMustNotExist { get; private init; }

    /// <summary>The put succeeds only if no item has this key yet.</summary>
    public static PutCondition NotExists { get; } = new() { ItemMustNotExist = true };

    /// <summary>The put succeeds only if the stored item exists and its <paramref name="attributeName"/> equals <paramref name="expected"/>.</summary>
    public static PutCondition AttributeEquals(string attributeName, AttributeValue expected) =>
        new() { AttributeName = attributeName, ExpectedValue = expected };
}
