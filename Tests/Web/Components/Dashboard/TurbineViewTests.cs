using Bunit;
using TurbineConsole.Pipeline.Records;
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

    private IRenderedComponent<TurbineView> RenderView(string turbine)
    {
        JSInterop.SetupModule(ApexChart.ModulePath).Mode = JSRuntimeMode.Loose;
        return Render<TurbineView>(p => p
            .Add(v => v.Location, "Chicago").Add(v => v.Turbine, turbine)
            .Add(v => v.From, s_from).Add(v => v.To, s_from.AddHours(1))
            .Add(v => v.Rule, new AnomalyRule(AlertOptions)));
    }

    private static AnomalyResult At(string turbine, double speed, double score, int minute, double? expected) =>
        new(new WindReading("Chicago", turbine, speed, s_from.AddMinutes(minute), minute, "anomaly"), score, score >= 3 ? 1 : 0, expected);
}
