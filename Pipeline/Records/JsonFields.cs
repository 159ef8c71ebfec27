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
            throw new RecordFormatException(
                $"Field '{name}' is {value.ToString(CultureInfo.InvariantCulture)}; it must lie between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}.");
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
        return ParseTimestamp(e.GetString()!, name);
    }

    /// <summary>Parses an ISO 8601 time that names its offset (or Z).</summary>
    public static DateTimeOffset ParseTimestamp(string text, string name)
    {
        if (TryParseCanonical(text, out var canonical))
            return canonical;
        var namesOffset = text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!namesOffset || !DateTimeOffset.TryParseExact(text, s_timeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            throw new RecordFormatException($"Field '{name}' is '{Truncate(text)}'; expected an ISO 8601 time such as 2026-11-30T12:00:00.123Z.");
        return value.ToUniversalTime();
    }

    /// <summary>
    /// Parses the form every record is written in, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>, without the general parser
    /// (which costs more than the rest of a reading's decoding); false for any other form.
    /// </summary>
    private static bool TryParseCanonical(string s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z')
            return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)
            || !Digits(s, 20, 3, out var millisecond))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return false;
        value = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero);
        return true;

        static bool Digits(string s, int start, int count, out int number)
        {
            number = 0;
            for (var i = start; i < start + count; i++)
            {
                var d = s[i] - '0';
                if ((uint)d > 9)
                    return false;
                number = number * 10 + d;
            }
            return true;
        }
    }

    /// <summary>Formats a time as ISO 8601 UTC with milliseconds, the form every record and key uses.</summary>
    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static readonly string[] s_timeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ssK",
    ];

    private static JsonElement Required(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var e) && e.ValueKind != JsonValueKind.Null
            ? e
            : throw new RecordFormatException($"Field '{name}' is missing.");

    private static string Describe(JsonElement e) => e.ValueKind == JsonValueKind.Number ? $"'{Truncate(e.GetRawText())}'" : e.ValueKind.ToString();

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
