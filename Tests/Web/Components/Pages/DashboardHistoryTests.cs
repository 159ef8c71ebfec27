using Bunit;
using TurbineConsole.Simulator.Web.Components.Charts;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Web.Support;
using DashboardPage = TurbineConsole.Simulator.Web.Components.Pages.Dashboard;

namespace TurbineConsole.Tests.Web.Components.Pages;

/// <summary>The dashboard's ranges beyond the live ones: read from the tables, downsampled, exported.</summary>
public sealed class DashboardHistoryTests : WebTestContext
{
    [Fact]
    public async Task The_7_day_range_reads_the_tables_and_shows_a_spike_of_three_days_ago_not_averaged_away()
    {
        var module = JSInterop.SetupModule(ApexChart.ModulePath);
        module.Mode = JSRuntimeMode.Loose;
        await WriteResultsAsync(
            Result("Tulsa", "TUL-01", 20, 0.5, secondsAgo: 5),
            Result("Tulsa", "TUL-01", 97, 6.4, secondsAgo: 3 * 86_400, seq: 2),
            Result("Tulsa", "TUL-01", 11, 0.3, secondsAgo: 3 * 86_400 - 1, seq: 3));
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#range-10080")));

        cut.Find("#range-10080").Click();

        cut.WaitForAssertion(() =>
        {
            var fill = module.Invocations.Last(i => i.Identifier == "setSeries" && Equals(i.Arguments[0], "speed-chart"));
            var series = Assert.IsAssignableFrom<IReadOnlyList<ChartSeries>>(fill.Arguments[1]);
            Assert.Contains(Assert.Single(series, s => s.Name == "TUL-01").Points, p => p.Y == 97);
            Assert.Contains("3 readings", cut.Find("#history-note").TextContent);
        });
        Assert.Contains("never averaged away", cut.Find("#history-note").TextContent);
        Assert.All(cut.FindComponents<ApexChart>(), c => Assert.Equal(TimeSpan.FromDays(7), c.Instance.TimeRange));
        Assert.Equal("7 d", cut.Find("#range-10080").TextContent.Trim());
        Assert.Empty(cut.FindAll("#history-capped"));
    }

    [Fact]
    public async Task A_custom_range_with_a_malformed_end_is_refused_naming_the_field_and_a_valid_one_is_shown()
    {
        await WriteResultsAsync(Result("Tulsa", "TUL-01", 20, 0.5, secondsAgo: 5));
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#range-custom")));
        cut.Find("#range-custom").Click();

        cut.Find("input#custom-from").Input("2026-11-30 12:00");
        cut.Find("input#custom-to").Input("yesterday");
        cut.Find("#custom-show").Click();
        cut.WaitForAssertion(() => Assert.Contains("To must be a UTC time written yyyy-MM-dd HH:mm", cut.Find("#custom-error").TextContent));

        cut.Find("input#custom-to").Input("2026-11-30 18:00");
        cut.Find("#custom-show").Click();

        cut.WaitForAssertion(() => Assert.All(cut.FindComponents<ApexChart>(), c => Assert.Equal(TimeSpan.FromHours(6), c.Instance.TimeRange)));
        Assert.Empty(cut.FindAll("#custom-error"));
        Assert.Contains("2026-11-30 12:00 to 2026-11-30 18:00 UTC", cut.Find("#history-note").TextContent);
        Assert.Equal(
            "/export/readings.csv?location=Tulsa&from=2026-11-30T12%3A00%3A00Z&to=2026-11-30T18%3A00%3A00Z",
            cut.Find("#export-readings").GetAttribute("href"));
    }

    [Theory]
    [InlineData("2026-11-30 12:00", "2026-11-30 12:00", "To must be after From.")]
    [InlineData("", "2026-11-30 12:00", "From must be a UTC time")]
    [InlineData("2026-10-01 00:00", "2026-11-30 12:00", "at most 31 days")]
    public void A_custom_range_that_cannot_be_shown_says_why(string from, string to, string message)
    {
        Assert.Null(DashboardPage.ParseCustomRange(from, to, out var error));
        Assert.Contains(message, error);
    }

    [Fact]
    public void The_ranges_are_labelled_and_the_first_three_stay_live()
    {
        Assert.Equal(["5 min", "1 min", "15 min", "1 h", "24 h", "7 d"], DashboardPage.Ranges.Select(DashboardPage.RangeLabel));
        Assert.All(DashboardPage.Ranges.Take(3), r => Assert.True(r <= DashboardPage.LiveRangeLimit));
    }
}
