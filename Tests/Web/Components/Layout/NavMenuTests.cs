using Bunit;
using TurbineConsole.Simulator.Web.Components.Layout;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Components.Layout;

public sealed class NavMenuTests : WebTestContext
{
    [Fact]
    public void The_menu_links_every_page()
    {
        var cut = Render<NavMenu>();

        Assert.Equal(new string?[] { "", "dashboard", "alerts", "dead-letters", "streams", "tables" }, cut.FindAll("a").Select(a => a.GetAttribute("href")).ToArray());
    }
}
