using System.Globalization;

namespace TurbineConsole.Pipeline.Tables;

/// <summary>
/// One attribute value: a string, a number, a boolean or null. Numbers are held as <see cref="double"/>
/// and compared as numbers (the lab stored them as strings, so "10.4" sorted before "3").
/// </summary>
public readonly record struct AttributeValue
{
    private AttributeValue(AttributeType type, string? s, double n, bool b)
    {
        Type = type;
        S = s;
        N = n;
        Bool = b;
    }

    /// <summary>Which of the values below is meaningful.</summary>
    public AttributeType Type { get; }

    /// <summary>The string, when <see cref="Type"/> is String.</summary>
    public string? S { get; }

    /// <summary>The number, when <see cref="Type"/> is Number.</summary>
    public double N { get; }

    /// <summary>The boolean, when <see cref="Type"/> is Bool.</summary>
    public bool Bool { get; }

    /// <summary>A string value.</summary>
    public static AttributeValue FromString(string value) => new(AttributeType.String, value ?? throw new ArgumentNullException(nameof(value)), 0, false);

    /// <summary>A number value; NaN and infinities are refused, as DynamoDB refuses them.</summary>
    public static AttributeValue FromNumber(double value) =>
        double.IsFinite(value) ? new(AttributeType.Number, null, value, false)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "DynamoDB numbers must be finite.");

    /// <summary>A boolean value.</summary>
    public static AttributeValue FromBool(bool value) => new(AttributeType.Bool, null, 0, value);

    /// <summary>The null value.</summary>
    public static AttributeValue Null { get; } = new(AttributeType.Null, null, 0, false);

    /// <summary>Implicit conversion from a string.</summary>
    public static implicit operator AttributeValue(string value) => FromString(value);

    /// <summary>Implicit conversion from a number.</summary>
    public static implicit operator AttributeValue(double value) => FromNumber(value);

    /// <summary>Implicit conversion from a boolean.</summary>
    public static implicit operator AttributeValue(bool value) => FromBool(value);

    /// <summary>The value as DynamoDB's JSON would show it, for messages and logs.</summary>
    public override string ToString() => Type switch
    {
        AttributeType.String => $"{{S: {S}}}",
        AttributeType.Number => $"{{N: {N.ToString("R", CultureInfo.InvariantCulture)}}}",
        AttributeType.Bool => $"{{BOOL: {(Bool ? "true" : "false")}}}",
        _ => "{NULL: true}",
    };
}
