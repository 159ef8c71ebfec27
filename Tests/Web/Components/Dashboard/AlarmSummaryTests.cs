using Bunit;
using TurbineConsole.Pipeline.Alerts;
using TurbineConsole.Pipeline.Records;
using TurbineConsole.Simulator.Web.Components.Dashboard;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Components.Dashboard;

public sealed class AlarmSummaryTests : WebTestContext
{
    private static readonly DateTimeOffset s_time = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void It_counts_the_locations_in_each_state_and_what_waits_for_an_acknowledgement()
    {
        var state = new DashboardState(new AnomalyRule(new AlertOptions()));
        state.Apply([
            Reading("Albany", 20, 100), Reading("Boston", 30, 100), Reading("Casper", 99, 99), Reading("Casper", 20, 100),
            Reading("Dallas", 60, 100), Reading("Eugene", 80, 0),
        ]);

        var cut = Render<AlarmSummary>(p => p.Add(s => s.Statuses, state.Board(s_time.AddSeconds(101), TimeSpan.FromSeconds(30))));

        var counts = cut.FindAll(".summary-item").ToDictionary(i => i.GetAttribute("data-state")!, i => i.GetAttribute("data-count"));
        Assert.Equal("1", counts["ShutdownAdvised"]);
        Assert.Equal("1", counts["CutOut"]);
        Assert.Equal("0", counts["Alert"]);
        Assert.Equal("0", counts["HighWind"]);
        Assert.Equal("2", counts["Normal"]);
        Assert.Equal("1", counts["NoCommunication"]);
        // Casper's spike latched, Dallas still blows at cut-out (latched too), Eugene's spike latched before it fell silent.
        Assert.Equal("3", cut.Find("#alarm-unacknowledged").GetAttribute("data-count"));
    }

    private static AnomalyResult Reading(string location, double speed, int second) =>
        new(new WindReading(location, location[..3].ToUpperInvariant() + "-01", speed, s_time.AddSeconds(second), second, "test"), 0.8, 0, null);
}
