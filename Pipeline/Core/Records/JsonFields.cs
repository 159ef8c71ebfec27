using System.Globalization;
using System.Text.Json;

namespace TurbineConsole.Pipeline.Records;

/// <summary>Typed, validated reads of the fields of a JSON record, each failure naming the field.</summary>
internal static class JsonFields
{
    /// <summary>Parses a JSON object or throws <see cref="RecordFormatException"/>.</summary>
    public static JsonDocument ParseObject(ReadOnlyMemory<byte> data, int maxBytes, string what)
    {
        if (data.Length == 0)
            throw new RecordFormatException($"Empty {what}: expected a JSON object.");
        if (data.Length > maxBytes)
            throw new RecordFormatException($"The {what} is {data.Length:N0} bytes; a {what} is at most {maxBytes:N0} bytes.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data);
        }
        catch (JsonException e)
        {
            throw new RecordFormatException($"The {what} is not valid JSON: {e.Message}");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind;
            document.Dispose();
            throw new RecordFormatException($"The {what} is JSON {kind}, not an object.");
        }
        return document;
    }

    /// <summary>A required non-empty string of at most <paramref name="maxLength"/> characters.</summary>
    public static string String(JsonElement obj, string name, int maxLength = 128)
    {
        var e = Required(obj, name);
        if (e.ValueKind != JsonValueKind.String)
            throw new RecordFormatException($"Field '{name}' must be a string, not {e.ValueKind}.");
        var s = e.GetString()!;
        if (s.Length == 0 || s.Length > maxLength || string.IsNullOrWhiteSpace(s))
            throw new RecordFormatException($"Field '{name}' must be 1 to {maxLength} characters and not blank.");
        return s;
    }

    /// <summary>A required location or turbine name that keeps the rules of <see cref="SiteNames"/>.</summary>
    public static string Name(JsonElement obj, string name)
    {
        var value = String(obj, name, SiteNames.MaxLength);
        return SiteNames.Problem(value) is { } problem ? throw new RecordFormatException($"Field '{name}' {problem}.") : value;
    }

    /// <summary>An optional string, null when absent or JSON null.</summary>
    public static string? OptionalString(JsonElement obj, string name, int maxLength = 128) =>
        obj.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null ? String(obj, name, maxLength) : null;

    /// <summary>A required finite number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static double Number(JsonElement obj, string name, double min, double max)
    {
        var e = Required(obj, name);
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out var value))
            throw new RecordFormatException($"Field '{name}' must be a number, not {Describe(e)}.");
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new RecordFormatException(
                $"Field '{name}' is {value.ToString(CultureInfo.InvariantCulture)}; it must lie between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value;
    }

    /// <summary>An optional finite number within bounds, null when absent or JSON null.</summary>
    public static double? OptionalNumber(JsonElement obj, string name, double min, double max) =>
        obj.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null ? Number(obj, name, min, max) : null;

    /// <summary>A required non-negative integer.</summary>
    public static long Counter(JsonElement obj, string name)
    {
        var e = Required(obj, name);
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out var value))
            throw new RecordFormatException($"Field '{name}' must be a whole number, not {Describe(e)}.");
        if (value < 0)
            throw new RecordFormatException($"Field '{name}' is {value}; it must not be negative.");
        return value;
    }

    /// <summary>A required ISO 8601 time with an offset or Z.</summary>
    public static DateTimeOffset Timestamp(JsonElement obj, string name)
    {
        var e = Required(obj, name);
        if (e.ValueKind != JsonValueKind.String)
            throw new RecordFormatException($"Field '{name}' must be an ISO 8601 time string, not {e.ValueKind}.");
        return RecordTime.Parse(e.GetString()!, name);
    }

    private static JsonElement Required(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null
            ? e
            : throw new RecordFormatException($"Field '{name}' is missing.");

    private static string Describe(JsonElement e) => e.ValueKind == JsonValueKind.Number ? $"'{Truncate(e.GetRawText())}'" : e.ValueKind.ToString();

    internal static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
