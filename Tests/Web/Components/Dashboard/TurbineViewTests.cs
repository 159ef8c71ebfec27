using Bunit;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Pipeline.Tables;
using TurbineConsole.Simulator.Web.Components.Charts;
using TurbineConsole.Simulator.Web.Components.Dashboard;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Web.Support;
using DashboardPage = TurbineConsole.Simulator.Web.Components.Pages.Dashboard;

namespace TurbineConsole.Tests.Web.Components.Dashboard;

public sealed class TurbineViewTests : WebTestContext
{
    private static readonly DateTimeOffset s_from = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task At_an_anomaly_it_says_what_the_detector_expected_and_leaves_out_other_turbines()
    {
        await WriteResultsAsync(
            At("CHI-03", 12, 0.4, 1, null),
            At("CHI-03", 97.2, 6.5, 2, 14.4),
            At("CHI-04", 88, 7, 3, 20));

        var cut = RenderView("CHI-03");

        cut.WaitForAssertion(() =>
        {
            var row = Assert.Single(cut.FindAll("#turbine-anomalies tbody tr"));
            Assert.Contains("97.2", row.TextContent);
            Assert.Contains("should have been about 14 mph", row.TextContent);
        });
        Assert.Contains("Highest speed 97.2 mph", cut.Find("#turbine-summary").TextContent);
        Assert.DoesNotContain("88", cut.Find("#turbine-view").TextContent);
    }

    [Fact]
    public async Task At_an_anomaly_it_says_which_way_the_speed_drove_the_score_and_how_much_of_it()
    {
        await WriteResultsAsync(
            At("CHI-03", 97.2, 6.5, 2, 14.4) with { Attribution = new SpeedAttribution(6.24, 0.26) },
            At("CHI-03", 1.5, 4, 5, 18) with { Attribution = new SpeedAttribution(0.4, 3.6) },
            At("CHI-03", 90, 5, 8, 15));

        var cut = RenderView("CHI-03");

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("#turbine-anomalies tbody tr").Count));
        var attributions = cut.FindAll("#turbine-anomalies tbody td.attribution").Select(td => td.TextContent).ToList();
        Assert.Equal(
            ["no attribution recorded", "the speed was too low: 90 % of the score 4", "the speed was too high: 96 % of the score 6.5"],
            attributions);
        Assert.Contains("Attribution", cut.Find("#turbine-anomalies thead").TextContent);
    }

    [Fact]
    public async Task A_week_read_from_the_rollups_lists_each_buckets_anomaly_with_its_expected_value_and_attribution()
    {
        var spike = At("CHI-03", 97.2, 6.5, 2, 14.4) with { Attribution = new SpeedAttribution(6.24, 0.26) };
        var rollup = new WindRollup("Chicago", "CHI-03", s_from, WindRollup.Coarse, 120, 97.2, spike, null);
        await Tables.PutItemsAsync(Options.Tables.WindRollup, [WindRollupItem.From(rollup), WindRollupItem.From(rollup with { Turbine = "CHI-04", Peak = At("CHI-04", 88, 7, 3, 20) })]);

        var cut = RenderView("CHI-03", TimeSpan.FromDays(7));

        cut.WaitForAssertion(() => Assert.Contains("should have been about 14 mph", Assert.Single(cut.FindAll("#turbine-anomalies tbody tr")).TextContent));
        Assert.Contains("the speed was too high: 96 % of the score 6.5", cut.Find("#turbine-anomalies").TextContent);
        Assert.DoesNotContain("88", cut.Find("#turbine-view").TextContent);
    }

    [Fact]
    public async Task Without_anomalies_it_says_so_with_the_rule()
    {
        await WriteResultsAsync(At("CHI-03", 12, 0.4, 1, null));

        var cut = RenderView("CHI-03");

        cut.WaitForAssertion(() => Assert.Contains("No anomalies of CHI-03", cut.Find("#turbine-anomalies-empty").TextContent));
    }

    [Fact]
    public void An_anomaly_without_an_expected_value_says_the_detector_gave_none() =>
        Assert.Equal("no expected value recorded", TurbineView.ExpectedText(At("CHI-03", 97, 6.5, 1, null)));

    [Fact]
    public async Task Clicking_a_turbine_on_the_status_board_opens_its_view()
    {
        JSInterop.SetupModule(ApexChart.ModulePath).Mode = JSRuntimeMode.Loose;
        await WriteResultsAsync(
            new AnomalyResult(new WindReading("Tulsa", "TUL-02", 91, DateTimeOffset.UtcNow.AddSeconds(-3), 1, "anomaly"), 6.2, 1, 22));
        var cut = Render<DashboardPage>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#status-board [data-turbine=TUL-02]")));

        cut.Find("#status-board [data-turbine=TUL-02]").Click();

        cut.WaitForAssertion(() => Assert.Contains("should have been about 22 mph", cut.Find("#turbine-view").TextContent));
        cut.Find("#turbine-close").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#turbine-view")));
    }

    private IRenderedComponent<TurbineView> RenderView(string turbine, TimeSpan? range = null)
    {
        JSInterop.SetupModule(ApexChart.ModulePath).Mode = JSRuntimeMode.Loose;
        return Render<TurbineView>(p => p
            .Add(v => v.Location, "Chicago").Add(v => v.Turbine, turbine)
            .Add(v => v.From, s_from).Add(v => v.To, s_from + (range ?? TimeSpan.FromHours(1)))
            .Add(v => v.Rule, new AnomalyRule(AlertOptions)));
    }

    private static AnomalyResult At(string turbine, double speed, double score, int minute, double? expected) =>
        new(new WindReading("Chicago", turbine, speed, s_from.AddMinutes(minute), minute, "anomaly"), score, score >= 3 ? 1 : 0, expected);
}
