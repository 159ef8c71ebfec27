using Bunit;
using TurbineConsole.Simulator.Web.Components.Charts;
using DashboardPage = TurbineConsole.Simulator.Web.Components.Pages.Dashboard;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Components.Pages;

public sealed class DashboardTests : WebTestContext
{
    [Fact]
    public void Without_readings_the_dashboard_says_to_start_a_dataset_on_the_simulator()
    {
        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.Contains("Start a dataset", cut.Find("#dashboard-empty").TextContent));
    }

    [Fact]
    public async Task Readings_already_in_the_table_show_on_the_status_board_at_start()
    {
        await WriteResultsAsync(Result("Chicago", "CHI-01", 31.5, 0.8), Result("Chicago", "CHI-02", 58, 0.9));

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() =>
        {
            Assert.Equal("CutOut", cut.Find("[data-turbine=CHI-02]").GetAttribute("data-condition"));
            Assert.Equal("Normal", cut.Find("[data-turbine=CHI-01]").GetAttribute("data-condition"));
        });
    }

    [Fact]
    public async Task A_result_that_lands_in_the_table_is_rendered_live_in_the_newest_anomalies_and_on_the_board()
    {
        await WriteResultsAsync(Result("Chicago", "CHI-01", 31.5, 0.8, secondsAgo: 5));
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-turbine=CHI-01]")));
        Assert.Empty(cut.FindAll("#anomalies tbody tr"));

        await WriteResultsAsync(Result("Chicago", "CHI-03", 92.4, 6.2, seq: 2));
        Feed.Flush();

        cut.WaitForAssertion(() =>
        {
            var row = cut.Find("#anomalies tbody tr");
            Assert.Contains("CHI-03", row.TextContent);
            Assert.Contains("92.4", row.TextContent);
            Assert.Equal("ShutdownAdvised", cut.Find("#status-board [data-turbine=CHI-03]").GetAttribute("data-condition"));
        });
    }

    [Fact]
    public async Task Live_results_of_the_shown_location_are_appended_to_its_charts()
    {
        var module = JSInterop.SetupModule(ApexChart.ModulePath);
        module.Mode = JSRuntimeMode.Loose;
        await WriteResultsAsync(Result("Tulsa", "TUL-01", 20, 0.7, secondsAgo: 5));
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.Contains(module.Invocations, i => i.Identifier == "setSeries" && Equals(i.Arguments[0], "score-chart")));

        await WriteResultsAsync(Result("Tulsa", "TUL-02", 80, 5.5, seq: 7));
        Feed.Flush();

        cut.WaitForAssertion(() =>
        {
            var append = Assert.Single(module.Invocations, i => i.Identifier == "append" && Equals(i.Arguments[0], "speed-chart"));
            var series = Assert.IsAssignableFrom<IReadOnlyList<ChartSeries>>(append.Arguments[1]);
            Assert.Equal(80, Assert.Single(Assert.Single(series, s => s.Name == "TUL-02").Points).Y);
        });
    }

    [Fact]
    public async Task A_result_that_lands_while_the_charts_are_filled_is_appended_after_the_history_not_overwritten_by_it()
    {
        var module = JSInterop.SetupModule(ApexChart.ModulePath);
        module.Mode = JSRuntimeMode.Loose;
        var speedCalls = new List<string>();
        module.SetupVoid(i =>
        {
            // Records the speed chart's calls in the order they are made (the invocation log groups them by name).
            if (Equals(i.Arguments.FirstOrDefault(), "speed-chart") && i.Identifier is "setSeries" or "append")
                lock (speedCalls)
                    speedCalls.Add(i.Identifier);
            return false;
        });
        var scoreFill = module.SetupVoid("setSeries", i => Equals(i.Arguments[0], "score-chart"));
        await WriteResultsAsync(Result("Tulsa", "TUL-01", 20, 0.7, secondsAgo: 5));
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.Single(scoreFill.Invocations));

        // The browser has not yet answered the score chart's fill when a new result lands.
        await WriteResultsAsync(Result("Tulsa", "TUL-02", 80, 5.5, seq: 7));
        Feed.Flush();
        cut.WaitForAssertion(() => Assert.Contains(module.Invocations, i => i.Identifier == "append" && Equals(i.Arguments[0], "speed-chart")));
        scoreFill.SetVoidResult();
        cut.WaitForAssertion(() => Assert.Contains(module.Invocations, i => i.Identifier == "setSeries" && Equals(i.Arguments[0], "max-chart")));

        lock (speedCalls)
            Assert.Equal(["setSeries", "append"], speedCalls);
    }

    [Fact]
    public async Task Clicking_a_location_shows_its_charts()
    {
        await WriteResultsAsync(Result("Chicago", "CHI-01", 31.5, 0.8), Result("Tulsa", "TUL-01", 22, 0.8));
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.Contains("Chicago", cut.Find("#score-chart").GetAttribute("aria-label")));

        cut.Find("#location-Tulsa").Click();

        cut.WaitForAssertion(() => Assert.Contains("Tulsa", cut.Find("#score-chart").GetAttribute("aria-label")));
    }
}
