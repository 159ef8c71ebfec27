using System.Globalization;
using System.Text;

namespace TurbineConsole.Simulator.Web.Telemetry;

/// <summary>
/// A downsampled range as CSV, as the dashboard shows it: RFC 4180 (comma, CRLF, a field with a comma, quote or line
/// break in quotes with its quotes doubled) and safe to open in a spreadsheet: a text field that starts with
/// <c>= + - @</c>, a tab or a carriage return gets a leading apostrophe (OWASP, CSV injection), so that a turbine
/// named <c>=HYPERLINK(...)</c> stays text. Times are UTC ISO 8601, numbers invariant.
/// </summary>
public static class HistoryCsv
{
    /// <summary>The header of <see cref="Readings"/>.</summary>
    public const string ReadingsHeader = "time_utc,location,turbine,max_speed_mph,max_score,expected_speed_mph";

    /// <summary>The header of <see cref="Windows"/>.</summary>
    public const string WindowsHeader = "time_utc,location,max_window_speed_mph";

    /// <summary>One line per turbine and bucket: the bucket's start, the location, the turbine, its highest speed and score, and the expected speed at that score.</summary>
    public static string Readings(HistoryRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var csv = new StringBuilder(ReadingsHeader).Append("\r\n");
        foreach (var point in range.Turbines.OrderBy(p => p.Time).ThenBy(p => p.Turbine, StringComparer.Ordinal))
        {
            csv.Append(Time(point.Time)).Append(',').Append(Text(range.Location)).Append(',').Append(Text(point.Turbine)).Append(',')
               .Append(Number(point.SpeedMph)).Append(',').Append(Number(point.Score)).Append(',')
               .Append(point.ExpectedSpeedMph is { } expected ? Number(expected) : "").Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>One line per bucket: its start, the location, the highest max-speed window in it.</summary>
    public static string Windows(HistoryRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var csv = new StringBuilder(WindowsHeader).Append("\r\n");
        foreach (var (time, speed) in range.Windows)
            csv.Append(Time(time)).Append(',').Append(Text(range.Location)).Append(',').Append(Number(speed)).Append("\r\n");
        return csv.ToString();
    }

    /// <summary>A text field made safe: neutralised when a spreadsheet would read it as a formula, quoted when RFC 4180 needs it.</summary>
    public static string Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
