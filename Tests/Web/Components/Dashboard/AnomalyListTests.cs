using Bunit;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Simulator.Web.Components.Dashboard;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Components.Dashboard;

public sealed class AnomalyListTests : WebTestContext
{
    [Fact]
    public void Without_anomalies_it_says_how_to_get_some()
    {
        var cut = Render<AnomalyList>(p => p.Add(l => l.Anomalies, []).Add(l => l.Rule, new AnomalyRule(AlertOptions)));

        Assert.Contains("Wind speed anomaly data set", cut.Find("#anomalies-empty").TextContent);
    }

    [Fact]
    public void Without_anomalies_it_says_the_configured_rule()
    {
        var rule = new AnomalyRule(new AlertOptions { Threshold = 4.5, MinSpeedMph = 60 });

        var cut = Render<AnomalyList>(p => p.Add(l => l.Anomalies, []).Add(l => l.Rule, rule));

        Assert.Contains("its score ≥ 4.5 at 60 mph or more", cut.Find("#anomalies-empty").TextContent);
        Assert.DoesNotContain("Alerts:", cut.Markup);
    }

    [Fact]
    public void Anomalies_show_in_the_given_order_with_speed_score_and_condition()
    {
        var now = DateTimeOffset.UtcNow;
        var cut = Render<AnomalyList>(p => p.Add(l => l.Anomalies,
        [
            new AnomalyResult(new WindReading("Tulsa", "TUL-02", 95.26, now, 9, "anomaly"), 6.5, 1, 30),
            new AnomalyResult(new WindReading("Chicago", "CHI-01", 40, now.AddSeconds(-5), 3, "anomaly"), 3.1, 1, 30),
        ]).Add(l => l.Rule, new AnomalyRule(AlertOptions)));

        var rows = cut.FindAll("#anomalies tbody tr");
        Assert.Equal(new string?[] { "TUL-02", "CHI-01" }, rows.Select(r => r.GetAttribute("data-turbine")).ToArray());
        Assert.Contains("95.3", rows[0].TextContent);
        Assert.Contains("6.50", rows[0].TextContent);
        Assert.Contains("Shutdown advised", rows[0].TextContent);
    }

    [Fact]
    public void An_anomaly_slower_than_the_alerts_minimum_speed_is_marked_as_raising_no_alert()
    {
        var now = DateTimeOffset.UtcNow;
        var rule = new AnomalyRule(new AlertOptions { MinSpeedMph = 60 });

        var cut = Render<AnomalyList>(p => p.Add(l => l.Anomalies,
        [
            new AnomalyResult(new WindReading("Tulsa", "TUL-02", 61, now, 9, "anomaly"), 6.5, 1, 30),
            new AnomalyResult(new WindReading("Chicago", "CHI-01", 59, now.AddSeconds(-5), 3, "anomaly"), 3.1, 1, 30),
        ]).Add(l => l.Rule, rule));

        var rows = cut.FindAll("#anomalies tbody tr");
        Assert.Equal(new string?[] { "true", "false" }, rows.Select(r => r.GetAttribute("data-alert")).ToArray());
        Assert.Equal("Raises an alert", rows[0].QuerySelector(".alert-cell")!.GetAttribute("title"));
        Assert.Equal("No alert: slower than the 60 mph that an alert needs", rows[1].QuerySelector(".alert-cell")!.GetAttribute("title"));
    }

    [Fact]
    public void When_every_anomaly_raises_an_alert_there_is_no_alert_column()
    {
        var rule = new AnomalyRule(new AlertOptions { MinSpeedMph = 0 });

        var cut = Render<AnomalyList>(p => p.Add(l => l.Anomalies,
            [new AnomalyResult(new WindReading("Tulsa", "TUL-02", 20, DateTimeOffset.UtcNow, 9, "anomaly"), 6.5, 1, 30)]).Add(l => l.Rule, rule));

        Assert.Empty(cut.FindAll("#anomalies .alert-cell"));
        Assert.DoesNotContain("Alert", cut.Find("#anomalies thead").TextContent);
    }
}
