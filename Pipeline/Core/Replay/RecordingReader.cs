using System.Globalization;
using TurbineConsole.Pipeline.Records;

namespace TurbineConsole.Pipeline.Replay;

/// <summary>
/// Reads a recorded CSV (a SCADA export) with a <see cref="ColumnMapping"/> into a <see cref="Recording"/>: all of it or
/// nothing. Every line that cannot be read is reported with its number and what is wrong; any such line, or a file
/// beyond <see cref="MaxReadings"/>, and nothing is imported.
/// </summary>
public static class RecordingReader
{
    /// <summary>Most readings in one recording.</summary>
    public const int MaxReadings = 1_000_000;

    /// <summary>Most line errors reported (the count of all is given too).</summary>
    public const int MaxErrorsListed = 50;

    /// <summary>The header's column names and the first <paramref name="rows"/> rows' fields, for a preview; throws <see cref="FormatException"/> for a file without a header.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) Preview(TextReader text, int rows = 5)
    {
        var header = Header(text);
        var preview = new List<IReadOnlyList<string>>();
        while (preview.Count < rows && text.ReadLine() is { } line)
        {
            if (line.Length > 0)
                preview.Add(CsvText.Fields(line) ?? [line]);
        }
        return (header, preview);
    }

    /// <summary>Reads the whole file; returns the recording, or the problems (with the number of bad lines) and no recording.</summary>
    public static (Recording? Recording, IReadOnlyList<LineError> Errors, int BadLines) Read(TextReader text, ColumnMapping mapping, string id, string name)
    {
        IReadOnlyList<string> header;
        try
        {
            header = Header(text);
        }
        catch (FormatException e)
        {
            return (null, [new LineError(1, e.Message)], 1);
        }
        var columns = MappingProblems(header, mapping).ToList();
        if (columns.Count > 0)
            return (null, columns.Select(p => new LineError(1, p)).ToList(), columns.Count);
        int Index(string? column) => column is null ? -1 : header.ToList().FindIndex(h => h == column);
        var time = Index(mapping.TimeColumn);
        var speed = Index(mapping.SpeedColumn);
        var turbine = Index(mapping.TurbineColumn);
        var location = Index(mapping.LocationColumn);

        var readings = new List<WindReading>();
        var errors = new List<LineError>();
        var bad = 0;
        var number = 1;
        while (text.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
                continue;
            if (readings.Count >= MaxReadings)
                return (null, [new LineError(number, $"The file holds more than {MaxReadings:N0} readings; split it.")], bad + 1);
            var problem = ReadLine(line, header.Count, time, speed, turbine, location, mapping, number, out var reading);
            if (problem is not null)
            {
                bad++;
                if (errors.Count < MaxErrorsListed)
                    errors.Add(new LineError(number, problem));
                continue;
            }
            readings.Add(reading!);
        }
        if (bad > 0)
            return (null, errors, bad);
        if (readings.Count == 0)
            return (null, [new LineError(2, "The file holds no readings after its header.")], 1);
        var ordered = readings.Select((r, i) => (r, i)).OrderBy(x => x.r.Timestamp).ThenBy(x => x.i).Select(x => x.r).ToList();
        return (new Recording(id, name, ordered), [], 0);
    }

    private static IReadOnlyList<string> Header(TextReader text)
    {
        var first = text.ReadLine();
        if (string.IsNullOrWhiteSpace(first) || CsvText.Fields(first.TrimStart('\uFEFF')) is not { Count: >= 2 } header)
            throw new FormatException("The first line must be a header naming at least two columns, separated by commas.");
        return header;
    }

    private static IEnumerable<string> MappingProblems(IReadOnlyList<string> header, ColumnMapping mapping)
    {
        var names = string.Join(", ", header);
        if (!header.Contains(mapping.TimeColumn))
            yield return $"The time column '{mapping.TimeColumn}' is not in the header ({names}).";
        if (!header.Contains(mapping.SpeedColumn))
            yield return $"The speed column '{mapping.SpeedColumn}' is not in the header ({names}).";
        if (mapping.TurbineColumn is { } t && !header.Contains(t))
            yield return $"The turbine column '{t}' is not in the header ({names}).";
        if (mapping.LocationColumn is { } l && !header.Contains(l))
            yield return $"The location column '{l}' is not in the header ({names}).";
        if (mapping.TurbineColumn is null && SiteNames.Problem(mapping.FixedTurbine) is { } turbine)
            yield return $"Without a turbine column, the turbine name {turbine}.";
        if (mapping.LocationColumn is null && SiteNames.Problem(mapping.FixedLocation) is { } location)
            yield return $"Without a location column, the location name {location}.";
    }

    private static string? ReadLine(string line, int columns, int time, int speed, int turbine, int location, ColumnMapping mapping, int number, out WindReading? reading)
    {
        reading = null;
        var fields = CsvText.Fields(line);
        if (fields is null)
            return "a quoted field is not closed.";
        if (fields.Count < columns)
            return $"it has {fields.Count} fields; the header has {columns}.";
        if (!TryParseTime(fields[time], out var at))
            return $"{mapping.TimeColumn} '{Shown(fields[time])}' is not a time (use ISO 8601, such as 2026-12-02T10:00:00Z).";
        if (!double.TryParse(fields[speed], NumberStyles.Float, CultureInfo.InvariantCulture, out var mph) || !double.IsFinite(mph))
            return $"{mapping.SpeedColumn} '{Shown(fields[speed])}' is not a number.";
        if (mph is < 0 or > WindReadingCodec.MaxSpeedMph)
            return $"{mapping.SpeedColumn} {mph.ToString(CultureInfo.InvariantCulture)} is outside 0 to {WindReadingCodec.MaxSpeedMph} mph.";
        var turbineName = turbine >= 0 ? fields[turbine] : mapping.FixedTurbine!;
        if (SiteNames.Problem(turbineName) is { } turbineProblem)
            return $"{mapping.TurbineColumn} '{Shown(turbineName)}' {turbineProblem}.";
        var locationName = location >= 0 ? fields[location] : mapping.FixedLocation!;
        if (SiteNames.Problem(locationName) is { } locationProblem)
            return $"{mapping.LocationColumn} '{Shown(locationName)}' {locationProblem}.";
        reading = new WindReading(locationName, turbineName, mph, at, number, "replay");
        return null;
    }

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>A value as quoted in a message: at most 40 characters.</summary>
    private static string Shown(string value) => value.Length > 40 ? value[..40] + "..." : value;
}
