using System.Globalization;

namespace TurbineConsole.Cli.Api;

/// <summary>
/// Reads a <c>--fault</c> value, <c>kind=gust,location=Chicago,start=60,duration=120</c>, into the API's fault object.
/// Only the form is checked here (known keys, each once, numbers where numbers go); the app checks the values.
/// </summary>
internal static class FaultArgument
{
    /// <summary>The keys a fault may have and the API property each fills; the numeric ones carry true.</summary>
    private static readonly Dictionary<string, (string Property, bool Numeric)> s_keys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kind"] = ("kind", false),
        ["location"] = ("location", false),
        ["turbine"] = ("turbine", false),
        ["start"] = ("startSeconds", true),
        ["duration"] = ("durationSeconds", true),
        ["drift"] = ("driftMphPerMinute", true),
        ["gust"] = ("gustMph", true),
        ["delay"] = ("delaySeconds", true),
    };

    /// <summary>The fault as the API's JSON object, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static Dictionary<string, object>? Parse(string text, out string? error)
    {
        var fault = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var pair in text.Split(','))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = (equals < 0 ? pair : pair[..equals]).Trim();
            if (equals < 0 || !s_keys.TryGetValue(key, out var target))
            {
                error = $"'{pair.Trim()}' is not key=value with a key of {string.Join(", ", s_keys.Keys)}.";
                return null;
            }
            var value = pair[(equals + 1)..].Trim();
            if (fault.ContainsKey(target.Property))
            {
                error = $"{key} is given twice.";
                return null;
            }
            if (!target.Numeric)
            {
                fault[target.Property] = value;
                continue;
            }
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            {
                error = $"{key} must be a number; '{value}' is not.";
                return null;
            }
            fault[target.Property] = number;
        }
        error = null;
        return fault;
    }
}
