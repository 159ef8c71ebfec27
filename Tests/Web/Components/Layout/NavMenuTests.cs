using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TurbineConsole.Pipeline.Simulation;
using TurbineConsole.Simulator.Web.Components.Layout;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Components.Layout;

public sealed class NavMenuTests : WebTestContext
{
    [Fact]
    public void The_menu_links_every_page()
    {
        var cut = Render<NavMenu>();

        Assert.Equal(new string?[] { "", "dashboard", "alerts", "alert-policies", "dead-letters", "streams", "tables", "pipeline" }, cut.FindAll("a").Select(a => a.GetAttribute("href")).ToArray());
    }

    [Fact]
    public async Task With_the_simulator_turned_off_the_menu_has_no_Simulator_link()
    {
        await using var off = new WindSimulator(Backend.Streams, limits: new SimulatorOptions { Enabled = false });
        Services.AddSingleton(off);

        var cut = Render<NavMenu>();

        Assert.Equal(new string?[] { "dashboard", "alerts", "alert-policies", "dead-letters", "streams", "tables", "pipeline" }, cut.FindAll("a").Select(a => a.GetAttribute("href")).ToArray());
    }
}
