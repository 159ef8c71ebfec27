using System.Globalization;
using System.Text.RegularExpressions;
using TurbineConsole.Cli;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Tests.Core.Simulation;

namespace TurbineConsole.Tests.Cli;

/// <summary>
/// <c>turbineconsole faults</c>, run in-process: its table says per fault kind what a recomputation over the same
/// series says (found or not, how soon, how many), whatever that is.
/// </summary>
public sealed partial class FaultsCommandTests
{
    [Fact]
    public async Task Each_line_of_the_table_says_what_a_recomputation_over_the_same_series_says()
    {
        var run = await CliRun.InvokeAsync("faults", "--locations", "2", "--seed", "7");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        var options = new FaultReportOptions { Locations = 2, Seed = 7 };
        foreach (var kind in Enum.GetValues<FaultKind>())
        {
            var cells = Row(run.Output, FaultFields.KindName(kind));
            var expected = FaultRecomputation.Of(kind, options);
            Assert.Equal(N(expected.FaultReadings), cells[2]);
            Assert.Equal(expected.FirstAnomaly is null ? "no" : "yes", cells[3]);
            Assert.Equal(Soon(expected.FirstAnomaly), cells[4]);
            Assert.Equal(N(expected.Anomalies), cells[5]);
            Assert.Equal(Soon(expected.FirstAlert), cells[6]);
            Assert.Equal(N(expected.Alerts), cells[7]);
            Assert.Equal($"{N(expected.FalseAnomalies)} of {N(expected.OtherReadings)}", cells[8]);
            Assert.Equal(N(expected.FalseAlerts), cells[9]);
        }
    }

    [Fact]
    public async Task A_gust_front_is_found_and_the_header_says_what_was_simulated_and_how_it_was_judged()
    {
        var run = await CliRun.InvokeAsync("faults", "--locations", "1");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("yes", Row(run.Output, "gust front")[3]);
        Assert.Contains("Normal wind, seed 20261130: 1 farms x 4 turbines, one reading per turbine a second for 1800 s.", run.Output);
        Assert.Contains("Detector: the anomaly job, one forest per location (50 trees, sample 256, shingle 1, scores after 256 readings, seed 42).", run.Output);
        Assert.Contains("Anomaly: score >= 3; alert: an anomaly at 55 mph or more.", run.Output);
    }

    [Theory]
    [InlineData("--turbines", "1", "faults: --turbines must be 2 to 100; 1 is outside that range.")]
    [InlineData("--gust", "0", "faults: --gust must be 1 to 100; 0 is outside that range.")]
    [InlineData("--drift", "0", "faults: --drift must be 0.01 to 60 mph per minute either way; 0 is outside that range.")]
    [InlineData("--fault-start", "5000", "faults: --fault-start must be 0 to 1,800; 5000 is outside that range.")]
    public async Task An_option_out_of_range_is_refused_naming_it_and_its_range_and_nothing_is_reported(string option, string value, string expected)
    {
        var run = await CliRun.InvokeAsync("faults", option, value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task Help_lists_every_option_of_faults()
    {
        var run = await CliRun.InvokeAsync("faults", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        foreach (var option in new[] { "--seed", "--locations", "--turbines", "--length", "--fault-start", "--duration", "--drift", "--gust", "--delay" })
            Assert.Contains(option, run.Output);
    }

    /// <summary>The cells of the table's line for <paramref name="kind"/> (cells are two or more spaces apart).</summary>
    private static string[] Row(string output, string kind) =>
        CellGap().Split(output.Split('\n').Single(l => l.StartsWith(kind + "  ", StringComparison.Ordinal)).TrimEnd());

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Soon((long Reading, TimeSpan After, string Turbine)? first) =>
        first is { } f ? string.Create(CultureInfo.InvariantCulture, $"reading {f.Reading:N0}, {f.After.TotalSeconds:0.#} s") : "-";

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex CellGap();
}
