using System.Diagnostics.Metrics;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Simulator.Web.Access;
using TurbineConsole.Simulator.Web.Components.Charts;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Support;
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
        await WriteResultsAsync(Result("Chicago", "CHI-01", 31.5, 0.8), Result("Tulsa", "TUL-01", 58, 0.8));
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.Contains("Tulsa", cut.Find("#score-chart").GetAttribute("aria-label")));

        cut.Find("#location-Chicago").Click();

        cut.WaitForAssertion(() => Assert.Contains("Chicago", cut.Find("#score-chart").GetAttribute("aria-label")));
        Assert.Equal("Chicago", cut.Find("#location-current").TextContent);
    }

    [Fact]
    public async Task The_dashboard_opens_on_the_most_severe_location_not_the_first_by_name_nor_a_silent_one()
    {
        DashboardOptions.SilenceAfter = TimeSpan.FromSeconds(30);
        await WriteResultsAsync(
            Result("Amarillo", "AMA-01", 20, 0.8, secondsAgo: 2),
            Result("Boston", "BOS-01", 99, 0.8, secondsAgo: 120),
            Result("Casper", "CAS-01", 60, 0.8, secondsAgo: 5, seq: 1),
            Result("Casper", "CAS-01", 30, 0.8, secondsAgo: 2, seq: 2),
            Result("Cheyenne", "CHE-01", 47, 0.8, secondsAgo: 2));

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.Contains("Casper", cut.Find("#score-chart").GetAttribute("aria-label")));
        Assert.Equal("NoCommunication", cut.Find("#status-board [data-location=Boston]").GetAttribute("data-state"));
        Assert.Equal("CutOut", cut.Find("#status-board [data-location=Casper]").GetAttribute("data-state"));
    }

    [Fact]
    public async Task A_spike_below_the_alert_rule_latches_its_card_until_an_operator_acknowledges_it()
    {
        await WriteResultsAsync(Result("Tulsa", "TUL-01", 97, 1.1, secondsAgo: 3, seq: 1), Result("Tulsa", "TUL-01", 30, 0.7, secondsAgo: 2, seq: 2));
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.Equal("ShutdownAdvised", cut.Find("#status-board [data-location=Tulsa]").GetAttribute("data-state")));
        Assert.Equal("true", cut.Find("#status-board .turbine[data-turbine=TUL-01]").GetAttribute("data-latched"));
        Assert.Equal("1", cut.Find("#alarm-summary [data-state=ShutdownAdvised]").GetAttribute("data-count"));

        // More calm readings do not clear it.
        await WriteResultsAsync(Result("Tulsa", "TUL-01", 28, 0.7, secondsAgo: 1, seq: 3));
        Feed.Flush();
        cut.WaitForAssertion(() => Assert.Contains("now normal, 28 mph", cut.Find("#status-board .status-latched").TextContent));
        Assert.Equal("ShutdownAdvised", cut.Find("#status-board [data-location=Tulsa]").GetAttribute("data-state"));

        await cut.Find("#status-board .card-acknowledge").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("Normal", cut.Find("#status-board [data-location=Tulsa]").GetAttribute("data-state")));
        Assert.Empty(cut.FindAll("#status-board .card-acknowledge"));
        Assert.Equal("Dana", Assert.Single(Latches.All).By);
        var audit = Assert.Single(await AuditEntriesAsync(), e => e.Action == AuditActions.LatchAcknowledged);
        Assert.Equal("Dana", audit.UserName);
        Assert.Contains("Tulsa: TUL-01 Shutdown advised at 97.0 mph", audit.Detail);
    }

    [Fact]
    public async Task A_viewer_who_clicks_Acknowledge_is_refused_and_the_card_stays_latched()
    {
        SignInAs("Val", AccessRoles.Viewer);
        await WriteResultsAsync(Result("Tulsa", "TUL-01", 97, 1.1, secondsAgo: 3, seq: 1), Result("Tulsa", "TUL-01", 30, 0.7, secondsAgo: 2, seq: 2));
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#status-board .card-acknowledge").GetAttribute("aria-disabled")));

        await cut.Find("#status-board .card-acknowledge").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Refused", cut.Find("#board-error").TextContent));
        Assert.Equal("ShutdownAdvised", cut.Find("#status-board [data-location=Tulsa]").GetAttribute("data-state"));
        Assert.Empty(Latches.All);
    }

    [Fact]
    public async Task A_spike_that_raised_an_incident_stays_latched_until_the_incident_is_acknowledged()
    {
        var spike = Result("Tulsa", "TUL-01", 97, 5.2, secondsAgo: 3, seq: 1);
        await WriteResultsAsync(spike, Result("Tulsa", "TUL-01", 30, 0.7, secondsAgo: 2, seq: 2));
        var incident = Incident(spike);
        await AlertStore.TryCreateAsync(incident);
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.Equal("Open", cut.Find("#status-board [data-location=Tulsa] .status-incidents li").GetAttribute("data-incident-state")));
        Assert.Equal("ShutdownAdvised", cut.Find("#status-board [data-location=Tulsa]").GetAttribute("data-state"));

        // Acknowledged elsewhere (the alert list, another screen): the change reaches this board.
        await AlertService.AcknowledgeAsync("Tulsa", incident.Id, "Ola");

        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("#status-board .turbine[data-turbine=TUL-01]").GetAttribute("data-latched")));
        Assert.Equal("Alert", cut.Find("#status-board [data-location=Tulsa]").GetAttribute("data-state"));
        Assert.Contains("(by Ola)", cut.Find("#status-board .status-incidents li").TextContent);
    }

    [Fact]
    public async Task The_cards_Acknowledge_acknowledges_its_open_incident_through_the_alerts_and_audits_it()
    {
        var spike = Result("Tulsa", "TUL-01", 97, 5.2, secondsAgo: 3, seq: 1);
        await WriteResultsAsync(spike, Result("Tulsa", "TUL-01", 30, 0.7, secondsAgo: 2, seq: 2));
        var incident = Incident(spike);
        await AlertStore.TryCreateAsync(incident);
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.Equal("Acknowledge (2)", cut.Find("#status-board .card-acknowledge").TextContent.Trim()));

        await cut.Find("#status-board .card-acknowledge").ClickAsync(new());

        var stored = await AlertStore.GetAsync("Tulsa", incident.Id);
        Assert.Equal((IncidentState.Acknowledged, "Dana"), (stored!.State, stored.AcknowledgedBy));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#status-board .card-acknowledge")));
        Assert.Contains(await AuditEntriesAsync(), e => e.Action == AuditActions.Acknowledged && e.Detail!.StartsWith("Tulsa TUL-01", StringComparison.Ordinal));
        // The incident covered the spike: nothing was left for a latch acknowledgement.
        Assert.Empty(Latches.All);
    }

    [Fact]
    public async Task A_location_that_falls_silent_turns_to_no_communication()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        Services.AddSingleton<TimeProvider>(clock);
        DashboardOptions.SilenceAfter = TimeSpan.FromSeconds(30);
        await WriteResultsAsync(new AnomalyResult(new WindReading("Tulsa", "TUL-01", 31, clock.GetUtcNow().AddSeconds(-1), 1, "anomaly"), 0.7, 0, null));
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.Equal("Normal", cut.Find("#status-board [data-location=Tulsa]").GetAttribute("data-state")));

        clock.Advance(TimeSpan.FromSeconds(45));
        cut.Render();

        cut.WaitForAssertion(() => Assert.Equal("NoCommunication", cut.Find("#status-board [data-location=Tulsa]").GetAttribute("data-state")));
        Assert.Contains("No reading for 46 s", cut.Find("#status-board .status-silent").TextContent);
        Assert.Equal("1", cut.Find("#alarm-summary [data-state=NoCommunication]").GetAttribute("data-count"));
    }

    [Fact]
    public async Task The_threshold_and_limit_lines_are_on_the_charts_and_within_their_axes_while_the_data_stays_below_them()
    {
        var module = JSInterop.SetupModule(ApexChart.ModulePath);
        module.Mode = JSRuntimeMode.Loose;
        await WriteResultsAsync(Result("Tulsa", "TUL-01", 20, 0.5));

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.Equal(3, module.Invocations.Count(i => i.Identifier == "create")));
        foreach (var (id, lines) in new[] { ("score-chart", new[] { 3.0 }), ("speed-chart", new[] { 55.0, 70.0 }), ("max-chart", new[] { 55.0, 70.0 }) })
        {
            var options = module.Invocations.Single(i => i.Identifier == "create" && Equals(i.Arguments[1], id)).Arguments[2]!;
            var top = Assert.IsType<double>(Option(options, "yMaxAtLeast"));
            Assert.True(top > lines.Max(), $"{id}: the axis reaches {top}, not above its highest line {lines.Max()}");
            var thresholds = ((System.Collections.IEnumerable)Option(options, "thresholds")!).Cast<object>().Select(t => (double)Option(t, "value")!);
            Assert.Equal(lines, thresholds.Order());
            Assert.Equal("dashboard", Option(options, "group"));
            Assert.Equal(Chart(cut, "score-chart").TimeRange!.Value.TotalMilliseconds, Option(options, "xRangeMs"));
        }
    }

    [Fact]
    public async Task Choosing_a_time_range_redraws_the_three_charts_over_it_together()
    {
        await WriteResultsAsync(Result("Tulsa", "TUL-01", 20, 0.5));
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.All(cut.FindComponents<ApexChart>(), c => Assert.Equal(DashboardPage.Ranges[0], c.Instance.TimeRange)));

        cut.Find("#range-15").Click();

        cut.WaitForAssertion(() => Assert.All(cut.FindComponents<ApexChart>(), c =>
        {
            Assert.Equal(TimeSpan.FromMinutes(15), c.Instance.TimeRange);
            Assert.Equal("dashboard", c.Instance.Group);
        }));
        Assert.Equal(3, cut.FindComponents<ApexChart>().Count);
    }

    [Fact]
    public async Task The_max_speed_charts_empty_text_is_short_and_its_explanation_wraps_below_it()
    {
        await WriteResultsAsync(Result("Tulsa", "TUL-01", 20, 0.5));

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#max-note")));
        Assert.All(cut.FindComponents<ApexChart>(), c => Assert.True(c.Instance.EmptyText.Length <= 24, $"{c.Instance.ChartId}: '{c.Instance.EmptyText}' is drawn on one line"));
        Assert.Contains("A window closes every 1 min", cut.Find("#max-note").TextContent);
        Assert.DoesNotContain("Pipeline:", cut.Markup);
        Assert.DoesNotContain("Alerts:", cut.Markup);
    }

    [Fact]
    public async Task While_scores_are_0_the_dashboard_says_the_location_is_warming_up_and_how_many_readings_remain()
    {
        await WriteResultsAsync([.. Enumerable.Range(1, 10).Select(i => Result("Tulsa", "TUL-01", 20, 0, secondsAgo: 20 - i, seq: i))]);

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.Equal("Tulsa is warming up: 246 more readings before its scores start.", cut.Find("#warmup-remaining").TextContent));
        Assert.Contains("each location's forest scores 0 for its first 256 readings", cut.Find("#warmup-note").TextContent);

        await WriteResultsAsync(Result("Tulsa", "TUL-01", 21, 0, secondsAgo: 1, seq: 11), Result("Tulsa", "TUL-01", 21, 0, secondsAgo: 0.5, seq: 12));
        Feed.Flush();
        cut.WaitForAssertion(() => Assert.Contains("244 more readings", cut.Find("#warmup-remaining").TextContent));

        await WriteResultsAsync(Result("Tulsa", "TUL-01", 21, 0.9, secondsAgo: 0.1, seq: 13));
        Feed.Flush();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#warmup-remaining")));
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
    public async Task The_newest_anomalies_follow_the_alert_rule_and_slower_ones_show_only_when_asked_for_marked_as_raising_no_alert()
    {
        AlertOptions.MinSpeedMph = 62;
        await WriteResultsAsync(
            Result("Chicago", "CHI-01", 58, 4.2, secondsAgo: 4, seq: 1),
            Result("Chicago", "CHI-02", 75, 5.3, secondsAgo: 3, seq: 2),
            Result("Chicago", "CHI-03", 12, 3.4, secondsAgo: 2, seq: 3),
            Result("Chicago", "CHI-04", 80, 2.9, secondsAgo: 1, seq: 4));

        var cut = Render<DashboardPage>();

        cut.WaitForAssertion(() => Assert.Equal("CHI-02", Assert.Single(cut.FindAll("#anomalies tbody tr")).GetAttribute("data-turbine")));
        Assert.Equal(" at 62 mph or more", cut.Find("#anomaly-speed").TextContent);
        Assert.Contains("an anomaly raises one at 62 mph or more", cut.Find("#anomaly-legend").TextContent);

        cut.Find("input#show-quiet-anomalies, #show-quiet-anomalies input").Change(true);

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("#anomalies tbody tr").Count));
        Assert.Equal(new string?[] { "CHI-03", "CHI-02", "CHI-01" }, cut.FindAll("#anomalies tbody tr").Select(r => r.GetAttribute("data-turbine")).ToArray());
        Assert.Equal("false", cut.Find("#anomalies tr[data-turbine=CHI-01]").GetAttribute("data-alert"));
        Assert.Equal("false", cut.Find("#anomalies tr[data-turbine=CHI-03]").GetAttribute("data-alert"));
        Assert.Equal("true", cut.Find("#anomalies tr[data-turbine=CHI-02]").GetAttribute("data-alert"));
        Assert.Contains("anomalies slower than 62 mph that raise none", cut.Find("#anomaly-legend").TextContent);
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

    /// <summary>A property of the anonymous options object the chart sends to its module.</summary>
    private static object? Option(object options, string name) => options.GetType().GetProperty(name)!.GetValue(options);

    /// <summary>The incident the alert function opens for <paramref name="spike"/>.</summary>
    private static Incident Incident(AnomalyResult spike) => new()
    {
        Location = spike.Reading.Location,
        Id = $"{spike.Reading.Timestamp:O}#{spike.Reading.Turbine}#{spike.Reading.Seq}",
        Turbine = spike.Reading.Turbine,
        SpeedMph = spike.Reading.SpeedMph,
        Score = spike.Score,
        FirstSeen = spike.Reading.Timestamp,
        LastSeen = spike.Reading.Timestamp,
        MaxSpeedMph = spike.Reading.SpeedMph,
        MaxScore = spike.Score,
        UpdatedAt = DateTimeOffset.UtcNow,
    };
}
