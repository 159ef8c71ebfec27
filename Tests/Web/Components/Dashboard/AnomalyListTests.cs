using Bunit;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Simulator.Web.Components.Dashboard;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Components.Dashboard;

public sealed class AnomalyListTests : WebTestContext
{
    [Fact]
    public void Without_anomalies_it_says_how_to_get_some()
    {
        var cut = Render<AnomalyList>(p => p.Add(l => l.Anomalies, []));

        Assert.Contains("Wind speed anomaly data set", cut.Find("#anomalies-empty").TextContent);
    }

    [Fact]
    public void Anomalies_show_in_the_given_order_with_speed_score_and_condition()
    {
        var now = DateTimeOffset.UtcNow;
        var cut = Render<AnomalyList>(p => p.Add(l => l.Anomalies,
        [
            new AnomalyResult(new WindReading("Tulsa", "TUL-02", 95.26, now, 9, "anomaly"), 6.5, 1, 30),
            new AnomalyResult(new WindReading("Chicago", "CHI-01", 40, now.AddSeconds(-5), 3, "anomaly"), 3.1, 1, 30),
        ]));

        var rows = cut.FindAll("#anomalies tbody tr");
        Assert.Equal(new string?[] { "TUL-02", "CHI-01" }, rows.Select(r => r.GetAttribute("data-turbine")).ToArray());
        Assert.Contains("95.3", rows[0].TextContent);
        Assert.Contains("6.50", rows[0].TextContent);
        Assert.Contains("Shutdown advised", rows[0].TextContent);
    }
}
