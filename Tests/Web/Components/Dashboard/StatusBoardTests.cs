using Bunit;
using TurbineConsole.Simulator.Web.Components.Dashboard;
using TurbineConsole.Simulator.Web.Telemetry;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Components.Dashboard;

public sealed class StatusBoardTests : WebTestContext
{
    private static readonly DateTimeOffset s_time = DateTimeOffset.UtcNow;

    [Fact]
    public void Each_turbine_shows_its_condition_normal_high_wind_cut_out_or_shutdown_advised()
    {
        var cut = Render<StatusBoard>(p => p
            .Add(b => b.Locations, ["Chicago"])
            .Add(b => b.Turbines, [Status("CHI-01", 30), Status("CHI-02", 47), Status("CHI-03", 56), Status("CHI-04", 71)]));

        Assert.Equal(new string?[] { "Normal", "HighWind", "CutOut", "ShutdownAdvised" },
            cut.FindAll(".turbine").Select(t => t.GetAttribute("data-condition")).ToArray());
        Assert.Equal("Shutdown advised", cut.Find("[data-location=Chicago] .mud-chip").TextContent.Trim());
    }

    [Fact]
    public void Clicking_a_location_name_raises_LocationSelected_with_it()
    {
        string? selected = null;
        var cut = Render<StatusBoard>(p => p
            .Add(b => b.Locations, ["Chicago", "Tulsa"])
            .Add(b => b.Turbines, [Status("CHI-01", 30)])
            .Add(b => b.LocationSelected, (string l) => selected = l));

        cut.Find("[data-location=Tulsa] .status-location-name").Click();

        Assert.Equal("Tulsa", selected);
    }

    private static TurbineStatus Status(string turbine, double speed) => new("Chicago", turbine, speed, 0.8, s_time);
}
