using System.Globalization;
using TurbineConsole.Pipeline.Detection.RandomCutForest;

namespace TurbineConsole.Benchmarks.Rcf;

/// <summary>Parsed arguments of the <c>score</c> command.</summary>
/// <param name="Input">CSV to read.</param>
/// <param name="Output">CSV to write.</param>
/// <param name="Column">Column to read (the file then has a header), or null for one number per line.</param>
/// <param name="ForestOptions">Forest settings (one dimension).</param>
public sealed record ScoreArguments(string Input, string Output, string? Column, RandomCutForestOptions ForestOptions)
{
    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a clear message.</summary>
    public static ScoreArguments Parse(string[] args)
    {
        string? input = null;
        string? output = null;
        string? column = null;
        var options = new RandomCutForestOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"option '{name}' needs a value.");
            }

            string value = args[++i];
            switch (name)
            {
                case "--input": input = value; break;
                case "--output": output = value; break;
                case "--column": column = value; break;
                case "--shingle": options = options with { ShingleSize = ParseInt(name, value) }; break;
                case "--trees": options = options with { NumberOfTrees = ParseInt(name, value) }; break;
                case "--sample": options = options with { SampleSize = ParseInt(name, value) }; break;
                case "--output-after": options = options with { OutputAfter = ParseInt(name, value) }; break;
                case "--seed": options = options with { Seed = ParseLong(name, value) }; break;
                default: throw new ArgumentException($"unknown option '{name}'.");
            }
        }

        if (input is null || output is null)
        {
            throw new ArgumentException("--input and --output are required.");
        }

        options.Validate();
        return new ScoreArguments(input, output, column, options);
    }

    private static int ParseInt(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed)
            ? parsed
            : throw new ArgumentException($"option '{name}' needs an integer (got '{value}').");

    private static long ParseLong(string name, string value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed)
            ? parsed
            : throw new ArgumentException($"option '{name}' needs an integer (got '{value}').");
}
