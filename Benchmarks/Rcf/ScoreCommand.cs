using System.Globalization;
using TurbineConsole.Rcf;

namespace TurbineConsole.Benchmarks.Rcf;

/// <summary>
/// The <c>score</c> command: scores a historical series offline with a <see cref="ThresholdedRandomCutForest"/> and
/// writes <c>score,grade</c> per input point.
/// </summary>
public static class ScoreCommand
{
    /// <summary>Usage text printed with argument errors.</summary>
    private const string UsageText =
        "usage: score --input IN.csv --output OUT.csv [--shingle S] [--trees T] [--sample N] [--output-after K] " +
        "[--seed X] [--column NAME]";

    /// <summary>Runs the command; returns 0 on success and 1 with a message on bad arguments or input.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            ScoreArguments parsed = ScoreArguments.Parse(args);
            double[] values = await ReadValuesAsync(parsed.Input, parsed.Column);
            var detector = new ThresholdedRandomCutForest(parsed.ForestOptions);
            await using var output = new StreamWriter(parsed.Output);
            await output.WriteLineAsync("score,grade");
            foreach (double value in values)
            {
                AnomalyDescriptor result = detector.Process([value]);
                await output.WriteLineAsync(
                    string.Create(CultureInfo.InvariantCulture, $"{result.Score:0.######},{result.Grade:0.######}"));
            }

            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"score: {e.Message}");
            Console.Error.WriteLine(UsageText);
            return 1;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"score: {e.Message}");
            return 1;
        }
    }

    /// <summary>Reads one number per line, or the named column of a CSV with a header line.</summary>
    private static async Task<double[]> ReadValuesAsync(string path, string? column)
    {
        string[] lines = await File.ReadAllLinesAsync(path);
        int last = lines.Length;
        while (last > 0 && string.IsNullOrWhiteSpace(lines[last - 1]))
        {
            last--;
        }

        int first = 0;
        int columnIndex = 0;
        if (column is not null)
        {
            if (last == 0)
            {
                throw new FormatException($"{path}: no header line, so column '{column}' cannot be found.");
            }

            columnIndex = Array.IndexOf(lines[0].Split(',').Select(c => c.Trim().Trim('"')).ToArray(), column);
            if (columnIndex < 0)
            {
                throw new FormatException($"{path}: the header has no column named '{column}'.");
            }

            first = 1;
        }

        var values = new double[last - first];
        for (int i = first; i < last; i++)
        {
            string line = lines[i];
            string field = column is null ? line.Trim() : FieldAt(line, columnIndex, path, i + 1);
            if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                || !double.IsFinite(value))
            {
                throw new FormatException($"{path}, line {i + 1}: '{field}' is not a number.");
            }

            values[i - first] = value;
        }

        return values;
    }

    private static string FieldAt(string line, int index, string path, int lineNumber)
    {
        string[] fields = line.Split(',');
        if (index >= fields.Length)
        {
            throw new FormatException($"{path}, line {lineNumber}: has {fields.Length} fields, needs at least {index + 1}.");
        }

        return fields[index].Trim().Trim('"');
    }
}
