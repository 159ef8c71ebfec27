using System.Globalization;
using TurbineConsole.Cli;
using TurbineConsole.Rcf.Tests;

namespace TurbineConsole.Tests.Cli;

/// <summary>The offline <c>score</c> command, run in-process on files as an operator would.</summary>
public sealed class ScoreCommandTests : IDisposable
{
    /// <summary>Folder of this test's input and output files.</summary>
    private readonly string _directory = Directory.CreateTempSubdirectory("turbineconsole-score-").FullName;

    [Fact]
    public async Task Scoring_a_NAB_csv_by_column_writes_the_reference_scores_and_a_grade_per_point()
    {
        var input = Path.Combine(AppContext.BaseDirectory, "Data", "nab", "ambient_temperature_system_failure.csv");
        var output = Path.Combine(_directory, "scores.csv");

        var run = await CliRun.InvokeAsync(
            "score", "--input", input, "--output", output, "--column", "value", "--shingle", "8", "--output-after", "32");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        var lines = await File.ReadAllLinesAsync(output);
        Assert.Equal("score,grade", lines[0]);
        var reference = TestData.ReferenceScores("nab_ambient_temp", 8);
        Assert.Equal(reference.Length, lines.Length - 1);
        for (var i = 0; i < reference.Length; i++)
        {
            var fields = lines[i + 1].Split(',');
            Assert.InRange(double.Parse(fields[0], CultureInfo.InvariantCulture), reference[i] - 1e-6, reference[i] + 1e-6);
            Assert.InRange(double.Parse(fields[1], CultureInfo.InvariantCulture), 0, 1);
        }
    }

    [Fact]
    public async Task A_line_that_is_not_a_number_fails_naming_the_line_and_writes_no_scores()
    {
        var input = Path.Combine(_directory, "speeds.txt");
        await File.WriteAllLinesAsync(input, ["21.5", "22.0", "windy", "23.1"]);
        var output = Path.Combine(_directory, "scores.csv");

        var run = await CliRun.InvokeAsync("score", "--input", input, "--output", output);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("line 3: 'windy' is not a number", run.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Help_lists_every_option_of_score()
    {
        var run = await CliRun.InvokeAsync("score", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("turbineconsole score [options]", run.Output);
        foreach (var option in new[]
                 {
                     "--input <IN.csv>", "--output <OUT.csv>", "--shingle <S>", "--trees <T>", "--sample <N>",
                     "--output-after <K>", "--seed <X>", "--column <NAME>",
                 })
        {
            Assert.Contains(option, run.Output);
        }
    }

    [Fact]
    public async Task An_unknown_option_is_named_in_the_error_and_nothing_is_written()
    {
        var input = Path.Combine(_directory, "speeds.txt");
        await File.WriteAllLinesAsync(input, ["21.5", "22.0"]);
        var output = Path.Combine(_directory, "scores.csv");

        var run = await CliRun.InvokeAsync("score", "--input", input, "--output", output, "--shingel", "4");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Unrecognized command or argument '--shingel'", run.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task An_out_of_range_setting_is_named_by_its_option_and_nothing_is_written()
    {
        var input = Path.Combine(_directory, "speeds.txt");
        await File.WriteAllLinesAsync(input, ["21.5", "22.0"]);
        var output = Path.Combine(_directory, "scores.csv");

        var run = await CliRun.InvokeAsync("score", "--input", input, "--output", output, "--sample", "1");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--sample is out of range: SampleSize must be between 2 and 32767 (got 1).", run.Error);
        Assert.False(File.Exists(output));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
