namespace TurbineConsole.Pipeline.Tables;

/// <summary>An item: attribute names to values. Helpers read typed values with a clear message when one is missing.</summary>
public sealed class Item : Dictionary<string, AttributeValue>
{
    /// <summary>An empty item.</summary>
    public Item() : base(StringComparer.Ordinal) { }

    /// <summary>A copy of the given attributes.</summary>
    public Item(IEnumerable<KeyValuePair<string, AttributeValue>> attributes) : base(attributes, StringComparer.Ordinal) { }

    /// <summary>The string attribute <paramref name="name"/>; throws when absent or not a string.</summary>
    public string GetString(string name) =>
        TryGetValue(name, out var v) && v.Type == AttributeType.String ? v.S! : throw new KeyNotFoundException($"Item has no string attribute '{name}'.");

    /// <summary>The number attribute <paramref name="name"/>; throws when absent or not a number.</summary>
    public double GetNumber(string name) =>
        TryGetValue(name, out var v) && v.Type == AttributeType.Number ? v.N : throw new KeyNotFoundException($"Item has no number attribute '{name}'.");

    /// <summary>The string attribute <paramref name="name"/>, or null.</summary>
    public string? GetStringOrNull(string name) => TryGetValue(name, out var v) && v.Type == AttributeType.String ? v.S : null;

    /// <summary>The number attribute <paramref name="name"/>, or null.</summary>
    public double? GetNumberOrNull(string name) => TryGetValue(name, out var v) && v.Type == AttributeType.Number ? v.N : null;
}
