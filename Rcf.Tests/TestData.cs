using System.Globalization;
using System.Text.Json;

namespace TurbineConsole.Rcf.Tests;

/// <summary>Reads the data sets copied under Data/ in the test output directory.</summary>
internal static class TestData
{
    /// <summary>Folder of the copied data files.</summary>
    private static readonly string s_root = Path.Combine(AppContext.BaseDirectory, "Data");

    /// <summary>NAB series used by the tests: file name and reference score-file prefix.</summary>
    public static readonly (string File, string Reference)[] NabSeries =
    [
        ("machine_temperature_system_failure", "nab_machine_temp"),
        ("ambient_temperature_system_failure", "nab_ambient_temp"),
        ("nyc_taxi", "nab_nyc_taxi"),
    ];

    /// <summary>The wind_synth readings in mph.</summary>
    public static double[] WindSpeeds() => ReadColumn(Path.Combine(s_root, "wind", "wind_synth.csv"), "wind_mph");

    /// <summary>Indexes and kinds of the injected wind_synth events.</summary>
    public static (int Index, string Kind)[] WindEvents() =>
        ReadRows(Path.Combine(s_root, "wind", "wind_synth_labels.csv"))
            .Select(row => (int.Parse(row["index"], CultureInfo.InvariantCulture), row["kind"]))
            .ToArray();

    /// <summary>The reference's per-point scores for a series and shingle size.</summary>
    public static double[] ReferenceScores(string prefix, int shingle) =>
        ReadColumn(Path.Combine(s_root, "reference", $"{prefix}_s{shingle}.scores.csv"), "score");

    /// <summary>A NAB series' values and, per point, whether its timestamp lies in a labelled window.</summary>
    public static (double[] Values, bool[] InWindow) Nab(string file)
    {
        var rows = ReadRows(Path.Combine(s_root, "nab", file + ".csv"));
        using var windows = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_root, "nab", "combined_windows.json")));
        var ranges = windows.RootElement.GetProperty($"realKnownCause/{file}.csv").EnumerateArray()
            .Select(w => (Start: ParseTime(w[0].GetString()!), End: ParseTime(w[1].GetString()!)))
            .ToArray();
        var values = rows.Select(r => double.Parse(r["value"], CultureInfo.InvariantCulture)).ToArray();
        var inWindow = rows.Select(r => ParseTime(r["timestamp"]))
            .Select(t => ranges.Any(w => t >= w.Start && t <= w.End))
            .ToArray();
        return (values, inWindow);
    }

    private static DateTime ParseTime(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture);

    private static double[] ReadColumn(string path, string column) =>
        ReadRows(path).Select(row => double.Parse(row[column], CultureInfo.InvariantCulture)).ToArray();

    private static List<Dictionary<string, string>> ReadRows(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','))
            .Select(fields => header.Zip(fields).ToDictionary(p => p.First, p => p.Second))
            .ToList();
    }
}
