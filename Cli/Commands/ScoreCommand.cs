using System.CommandLine;
using System.Globalization;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Rcf;

namespace TurbineConsole.Cli.Commands;

/// <summary>
/// <c>score</c>: scores a historical series offline with a <see cref="ThresholdedRandomCutForest"/> and writes
/// <c>score,grade</c> per input point. Nothing is written when the input or a setting is rejected.
/// </summary>
public sealed class ScoreCommand : Command
{
    /// <summary>Forest settings the options fall back to (and show in help).</summary>
    private static readonly RandomCutForestOptions s_defaults = new();

    /// <summary>CSV to read.</summary>
    private readonly Option<string> _input = new("--input")
    {
        Description = "File to score: one number per line, or a CSV with a header line when --column is given.",
        HelpName = "IN.csv",
        Required = true,
    };

    /// <summary>CSV to write.</summary>
    private readonly Option<string> _output = new("--output")
    {
        Description = "File to write: a header line 'score,grade', then one line per input point.",
        HelpName = "OUT.csv",
        Required = true,
    };

    /// <summary>Column to read, or null for one number per line.</summary>
    private readonly Option<string?> _column = new("--column")
    {
        Description = "Column of the input's header to score (the input then has a header line).",
        HelpName = "NAME",
    };

    /// <summary>Consecutive points per forest point.</summary>
    private readonly Option<int> _shingle = new("--shingle")
    {
        Description = "Consecutive points the forest sees as one.",
        HelpName = "S",
        DefaultValueFactory = _ => s_defaults.ShingleSize,
    };

    /// <summary>Number of trees.</summary>
    private readonly Option<int> _trees = new("--trees")
    {
        Description = "Trees in the forest; the score is their average.",
        HelpName = "T",
        DefaultValueFactory = _ => s_defaults.NumberOfTrees,
    };

    /// <summary>Points each tree keeps.</summary>
    private readonly Option<int> _sample = new("--sample")
    {
        Description = "Points each tree keeps in its sample.",
        HelpName = "N",
        DefaultValueFactory = _ => s_defaults.SampleSize,
    };

    /// <summary>Points seen before scores are produced.</summary>
    private readonly Option<int> _outputAfter = new("--output-after")
    {
        Description = "Points the forest sees before it scores; earlier points score 0.",
        HelpName = "K",
        DefaultValueFactory = _ => s_defaults.OutputAfter,
    };

    /// <summary>Seed of the forest's randomness.</summary>
    private readonly Option<long> _seed = new("--seed")
    {
        Description = "Seed of the forest's randomness; the same seed and input give the same scores.",
        HelpName = "X",
        DefaultValueFactory = _ => s_defaults.Seed,
    };

    /// <summary>Creates the command with its options and action.</summary>
    public ScoreCommand()
        : base("score", "Score a historical series offline with Random Cut Forest: 'score,grade' per point.")
    {
        Options.Add(_input);
        Options.Add(_output);
        Options.Add(_shingle);
        Options.Add(_trees);
        Options.Add(_sample);
        Options.Add(_outputAfter);
        Options.Add(_seed);
        Options.Add(_column);
        SetAction(RunAsync);
    }

    /// <summary>Scores the input into the output; returns one of <see cref="ExitCodes"/>.</summary>
    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var error = parsed.InvocationConfiguration.Error;
        var options = new RandomCutForestOptions
        {
            ShingleSize = parsed.GetValue(_shingle),
            NumberOfTrees = parsed.GetValue(_trees),
            SampleSize = parsed.GetValue(_sample),
            OutputAfter = parsed.GetValue(_outputAfter),
            Seed = parsed.GetValue(_seed),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"score: {OptionFor(e.ParamName)} is out of range: {e.MessageWithoutParameter()}");
            return ExitCodes.Usage;
        }

        var input = parsed.GetRequiredValue(_input);
        try
        {
            var values = await ReadValuesAsync(input, parsed.GetValue(_column), cancellationToken);
            var detector = new ThresholdedRandomCutForest(options);
            await using var output = new StreamWriter(parsed.GetRequiredValue(_output));
            await output.WriteLineAsync("score,grade".AsMemory(), cancellationToken);
            foreach (var value in values)
            {
                var result = detector.Process([value]);
                await output.WriteLineAsync(
                    string.Create(CultureInfo.InvariantCulture, $"{result.Score:0.######},{result.Grade:0.######}").AsMemory(),
                    cancellationToken);
            }

            return ExitCodes.Success;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"score: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary>The option behind a setting of <see cref="RandomCutForestOptions"/>, for error messages.</summary>
    private string OptionFor(string? setting) => setting switch
    {
        nameof(RandomCutForestOptions.ShingleSize) => _shingle.Name,
        nameof(RandomCutForestOptions.NumberOfTrees) => _trees.Name,
        nameof(RandomCutForestOptions.SampleSize) => _sample.Name,
        nameof(RandomCutForestOptions.OutputAfter) => _outputAfter.Name,
        _ => "a forest setting",
    };

    /// <summary>Reads one number per line, or the named column of a CSV with a header line.</summary>
    private static async Task<double[]> ReadValuesAsync(string path, string? column, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        var last = lines.Length;
        while (last > 0 && string.IsNullOrWhiteSpace(lines[last - 1]))
        {
            last--;
        }

        var first = 0;
        var columnIndex = 0;
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
        for (var i = first; i < last; i++)
        {
            var line = lines[i];
            var field = column is null ? line.Trim() : FieldAt(line, columnIndex, path, i + 1);
            if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || !double.IsFinite(value))
            {
                throw new FormatException($"{path}, line {i + 1}: '{field}' is not a number.");
            }

            values[i - first] = value;
        }

        return values;
    }

    /// <summary>The trimmed, unquoted field at <paramref name="index"/> of a CSV line.</summary>
    private static string FieldAt(string line, int index, string path, int lineNumber)
    {
        var fields = line.Split(',');
        if (index >= fields.Length)
        {
            throw new FormatException($"{path}, line {lineNumber}: has {fields.Length} fields, needs at least {index + 1}.");
        }

        return fields[index].Trim().Trim('"');
    }
}
