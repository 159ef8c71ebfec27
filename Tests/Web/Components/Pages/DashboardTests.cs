using System.Diagnostics.Metrics;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Simulator.Web.Components.Charts;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Web.Support;
using DashboardPage = TurbineConsole.Simulator.Web.Components.Pages.Dashboard;

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
            {
                lock (speedCalls)
                    speedCalls.Add(i.Identifier);
            }

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

    [Fact]
    public async Task With_threshold_5_the_newest_anomalies_and_the_score_line_use_5()
    {
        AlertOptions.Threshold = 5;
        await WriteResultsAsync(Result("Chicago", "CHI-01", 80, 4.2, secondsAgo: 3, seq: 1), Result("Chicago", "CHI-02", 81, 5.3, secondsAgo: 2, seq: 2));

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll("#anomalies tbody tr"));
            Assert.Equal("CHI-02", row.GetAttribute("data-turbine"));
        });
        Assert.Equal("score ≥ 5", cut.Find("#anomaly-rule").TextContent);
        var line = Assert.Single(Chart(cut, "score-chart").Thresholds);
        Assert.Equal(5, line.Value);
        Assert.Equal("Alert threshold (5)", line.Label);
    }

    [Fact]
    public async Task With_the_grade_criterion_the_newest_anomalies_are_the_graded_readings_and_no_score_line_is_drawn()
    {
        AlertOptions.Criterion = AlertCriterion.Grade;
        var now = DateTimeOffset.UtcNow;
        await WriteResultsAsync(
            new AnomalyResult(new WindReading("Tulsa", "TUL-01", 80, now.AddSeconds(-3), 1, "anomaly"), 7.5, 0, null),
            new AnomalyResult(new WindReading("Tulsa", "TUL-02", 81, now.AddSeconds(-2), 2, "anomaly"), 1.2, 0.4, 30));

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.Equal("TUL-02", Assert.Single(cut.FindAll("#anomalies tbody tr")).GetAttribute("data-turbine")));
        Assert.Equal("grade > 0", cut.Find("#anomaly-rule").TextContent);
        Assert.Empty(Chart(cut, "score-chart").Thresholds);
    }

    [Fact]
    public async Task The_alerts_minimum_speed_is_drawn_on_the_speed_chart_and_slower_anomalies_are_marked_as_raising_no_alert()
    {
        AlertOptions.MinSpeedMph = 62;
        await WriteResultsAsync(Result("Chicago", "CHI-01", 58, 4.2, secondsAgo: 3, seq: 1), Result("Chicago", "CHI-02", 75, 5.3, secondsAgo: 2, seq: 2));

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("#anomalies tbody tr").Count));
        Assert.Equal("false", cut.Find("#anomalies tr[data-turbine=CHI-01]").GetAttribute("data-alert"));
        Assert.Equal("true", cut.Find("#anomalies tr[data-turbine=CHI-02]").GetAttribute("data-alert"));
        Assert.Contains("An alert also needs 62 mph or more", cut.Find("#anomaly-legend").TextContent);
        var lines = Chart(cut, "speed-chart").Thresholds;
        Assert.Equal([55, 62, 70], lines.Select(l => l.Value).Order());
        Assert.Equal("Alerts from 62 mph", lines.Single(l => l.Value == 62).Label);
    }

    [Fact]
    public async Task The_default_minimum_speed_names_the_cut_out_line_as_where_alerts_start()
    {
        await WriteResultsAsync(Result("Chicago", "CHI-01", 40, 0.8));

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#speed-chart")));
        var lines = Chart(cut, "speed-chart").Thresholds;
        Assert.Equal([55, 70], lines.Select(l => l.Value).Order());
        Assert.Equal("Cut-out (55 mph) · alerts from here", lines.Single(l => l.Value == 55).Label);
    }

    [Fact]
    public async Task With_tables_renamed_the_dashboard_reads_and_names_the_configured_tables()
    {
        Options.Tables.WindData = "GustTable";
        Options.Tables.MaxWindSpeed = "PeakTable";
        await CreateResourcesAsync();
        await WriteResultsAsync(Result("Casper", "CAS-01", 33, 0.8));

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#status-board [data-turbine=CAS-01]")));
        Assert.Contains("What landed in GustTable and PeakTable", cut.Markup);

        await WriteResultsAsync(Result("Casper", "CAS-02", 91, 6.1, seq: 2));
        Feed.Flush();

        cut.WaitForAssertion(() => Assert.Equal("CAS-02", cut.Find("#anomalies tbody tr").GetAttribute("data-turbine")));
    }

    [Fact]
    public async Task A_live_batch_applied_by_the_dashboard_is_measured_as_a_dashboard_push()
    {
        await WriteResultsAsync(Result("Tulsa", "TUL-01", 20, 0.7, secondsAgo: 5));
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#status-board [data-turbine=TUL-01]")));
        using var timings = new PushTimings(Services.GetRequiredService<IMeterFactory>());

        await WriteResultsAsync(Result("Tulsa", "TUL-02", 30, 0.7, seq: 2), Result("Tulsa", "TUL-03", 31, 0.7, seq: 2));
        Feed.Flush();

        cut.WaitForAssertion(() => Assert.Equal((1, 2L), (timings.Summary(TelemetryMetrics.Dashboard).Pushes, timings.Summary(TelemetryMetrics.Dashboard).Items)));
    }

    private static ApexChart Chart(IRenderedComponent<DashboardPage> cut, string id) =>
        cut.FindComponents<ApexChart>().Single(c => c.Instance.ChartId == id).Instance;
}
