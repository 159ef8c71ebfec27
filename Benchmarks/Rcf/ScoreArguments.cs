using TurbineConsole.Rcf;

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
        var arguments = CommandLine.Parse(args).Only("input", "output", "column", "shingle", "trees", "sample", "output-after", "seed");
        var defaults = new RandomCutForestOptions();
        var options = new RandomCutForestOptions
        {
            ShingleSize = arguments.Int("shingle", defaults.ShingleSize),
            NumberOfTrees = arguments.Int("trees", defaults.NumberOfTrees),
            SampleSize = arguments.Int("sample", defaults.SampleSize),
            OutputAfter = arguments.Int("output-after", defaults.OutputAfter),
            Seed = arguments.Long("seed", defaults.Seed),
        };
        if (arguments.String("input") is not { } input || arguments.String("output") is not { } output)
        {
            throw new ArgumentException("--input and --output are required.");
        }

        options.Validate();
        return new ScoreArguments(input, output, arguments.String("column"), options);
    }
}
