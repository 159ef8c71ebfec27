using Bunit;
using TurbineConsole.Tests.Web.Support;

namespace TurbineConsole.Tests.Web.Components.Pages;

public sealed class AlertsTests : WebTestContext
{
    [Fact]
    public void The_page_shows_each_channels_health_the_advice_and_the_alert_list()
    {
        var cut = Render<TurbineConsole.Simulator.Web.Components.Pages.Alerts>();

        Assert.Contains("inapp: working", cut.Find("#channels").TextContent);
        Assert.Contains("Start shutdown procedures above 70 mph", cut.Markup);
        cut.WaitForAssertion(() => cut.Find("#alerts-empty"));
    }
}
