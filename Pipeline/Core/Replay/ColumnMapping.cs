namespace TurbineConsole.Pipeline.Replay;

/// <summary>
/// Which columns of a recorded CSV (a SCADA export) hold what: the time and the wind speed always; the turbine and the
/// location from a column or, when the file has none, a name typed for the whole file. Other columns are ignored.
/// </summary>
public sealed record ColumnMapping
{
    /// <summary>The column with each reading's time (ISO 8601, or <c>yyyy-MM-dd HH:mm:ss</c>, taken as UTC unless it says otherwise).</summary>
    public required string TimeColumn { get; init; }

    /// <summary>The column with the wind speed in mph.</summary>
    public required string SpeedColumn { get; init; }

    /// <summary>The column with the turbine's name; null: <see cref="FixedTurbine"/> for every line.</summary>
    public string? TurbineColumn { get; init; }

    /// <summary>The turbine's name for every line when there is no turbine column.</summary>
    public string? FixedTurbine { get; init; }

    /// <summary>The column with the location's name; null: <see cref="FixedLocation"/> for every line.</summary>
    public string? LocationColumn { get; init; }

    /// <summary>The location's name for every line when there is no location column.</summary>
    public string? FixedLocation { get; init; }

    /// <summary>A mapping guessed from a header's names (time/timestamp/date, speed/wind/value, turbine/asset, location/site/farm).</summary>
    public static ColumnMapping Guess(IReadOnlyList<string> header)
    {
        string? Find(params string[] words) =>
            header.FirstOrDefault(h => words.Any(w => h.Equals(w, StringComparison.OrdinalIgnoreCase)))
            ?? header.FirstOrDefault(h => words.Any(w => h.Contains(w, StringComparison.OrdinalIgnoreCase)));
        var time = Find("timestamp", "time", "date") ?? header.FirstOrDefault() ?? "";
        var speed = Find("wind_speed", "speed", "wind", "value") ?? header.Skip(1).FirstOrDefault() ?? "";
        var turbine = Find("turbine", "wtg", "asset");
        var location = Find("location", "site", "farm");
        return new ColumnMapping
        {
            TimeColumn = time,
            SpeedColumn = speed,
            TurbineColumn = turbine,
            FixedTurbine = turbine is null ? "Recorded-01" : null,
            LocationColumn = location,
            FixedLocation = location is null ? "Recorded" : null,
        };
    }
}
