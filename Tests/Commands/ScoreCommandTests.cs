using System.Globalization;
using TurbineConsole.Benchmarks.Rcf;
using TurbineConsole.Rcf.Tests;

namespace TurbineConsole.Tests.Commands;

/// <summary>The offline <c>score</c> command, run in-process on files as an operator would.</summary>
public sealed class ScoreCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("turbineconsole-score-").FullName;

    [Fact]
    public async Task Scoring_a_NAB_csv_by_column_writes_the_reference_scores_and_a_grade_per_point()
    {
        string input = Path.Combine(AppContext.BaseDirectory, "Data", "nab", "ambient_temperature_system_failure.csv");
        string output = Path.Combine(_directory, "scores.csv");

        int exit = await ScoreCommand.RunAsync(["--input", input, "--output", output, "--column", "value", "--shingle", "8", "--output-after", "32"]);

        Assert.Equal(0, exit);
        string[] lines = await File.ReadAllLinesAsync(output);
        Assert.Equal("score,grade", lines[0]);
        double[] reference = TestData.ReferenceScores("nab_ambient_temp", 8);
        Assert.Equal(reference.Length, lines.Length - 1);
        for (int i = 0; i < reference.Length; i++)
        {
            string[] fields = lines[i + 1].Split(',');
            Assert.InRange(double.Parse(fields[0], CultureInfo.InvariantCulture), reference[i] - 1e-6, reference[i] + 1e-6);
            Assert.InRange(double.Parse(fields[1], CultureInfo.InvariantCulture), 0, 1);
        }
    }

    [Fact]
    public async Task A_line_that_is_not_a_number_fails_naming_the_line_and_writes_no_scores()
    {
        string input = Path.Combine(_directory, "speeds.txt");
        await File.WriteAllLinesAsync(input, ["21.5", "22.0", "windy", "23.1"]);
        string output = Path.Combine(_directory, "scores.csv");
        var errors = new StringWriter();
        TextWriter previous = Console.Error;
        int exit;
        Console.SetError(errors);
        try
        {
            exit = await ScoreCommand.RunAsync(["--input", input, "--output", output]);
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Equal(1, exit);
        Assert.Contains("line 3: 'windy' is not a number", errors.ToString());
        Assert.False(File.Exists(output));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
