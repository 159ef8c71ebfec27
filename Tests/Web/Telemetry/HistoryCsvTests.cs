using TurbineConsole.Simulator.Web.Telemetry;

namespace TurbineConsole.Tests.Web.Telemetry;

public sealed class HistoryCsvTests
{
    private static readonly DateTimeOffset s_from = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tTAB", "'\tTAB")]
    [InlineData("CHI-01", "CHI-01")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("", "")]
    public void A_text_field_that_a_spreadsheet_would_run_gets_an_apostrophe_and_is_quoted_when_RFC_4180_needs_it(string value, string expected) =>
        Assert.Equal(expected, HistoryCsv.Text(value));

    [Fact]
    public void The_readings_file_has_one_line_per_turbine_and_bucket_in_time_order_with_CRLF()
    {
        var range = Range(
            [new HistoryPoint(s_from.AddMinutes(1), "CHI-02", 97.25, 6.5, 14), new HistoryPoint(s_from, "=CHI-01", 12, 0.4, null)],
            [(s_from, 30.5)]);

        var lines = HistoryCsv.Readings(range).Split("\r\n");

        Assert.Equal(
            [
                HistoryCsv.ReadingsHeader,
                "2026-11-30T12:00:00Z,Chicago,'=CHI-01,12,0.4,",
                "2026-11-30T12:01:00Z,Chicago,CHI-02,97.25,6.5,14",
                "",
            ],
            lines);
        Assert.Equal([HistoryCsv.WindowsHeader, "2026-11-30T12:00:00Z,Chicago,30.5", ""], HistoryCsv.Windows(range).Split("\r\n"));
    }

    private static HistoryRange Range(IReadOnlyList<HistoryPoint> points, IReadOnlyList<(DateTimeOffset, double)> windows) =>
        new("Chicago", s_from, s_from.AddHours(1), TimeSpan.FromMinutes(1), points, [], windows, points.Count, null);
}
